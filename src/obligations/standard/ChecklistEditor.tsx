import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import type { Checklist } from '@cloud/contract/model'
import { OBLIGATION_LIMITS } from '@cloud/contract/limits'
import { BRANCH_GRADE_LABEL, TEXT_LIMITS } from '@cloud/contract/vocabulary'
import { setChecklist, type ChecklistInput } from '../../services/obligationRecords'
import { toastOk } from '../../utils/feedback'
import { fmtDateTime } from '../../utils/time'
import { messageOf, percentText, shareOf } from '../records/labels'

interface Row {
  /** A saved criterion keeps its id (its scores stay attached); a new one has none. */
  id?: string
  /** For React's key while rows move. */
  key: string
  text: string
  max: string
}

const GRADES = ['standard', 'model', 'exemplary'] as const
type Thresholds = Record<(typeof GRADES)[number], string>

let nextKey = 0
const rowsOf = (c: Checklist): Row[] => c.criteria.map((x) => ({ id: x.id, key: x.id, text: x.text, max: String(x.maxScore) }))

/** What `setChecklist` is sent, or the first thing to fix. */
function inputOf(rows: Row[], th: Thresholds): { input?: ChecklistInput; problem?: string } {
  const criteria: ChecklistInput['criteria'] = []
  for (const [i, r] of rows.entries()) {
    const max = Number(r.max.trim())
    if (!r.text.trim()) return { problem: `第 ${i + 1} 项请填写考评内容，或删除该项` }
    if (!Number.isInteger(max) || max < 1 || max > OBLIGATION_LIMITS.criterionMaxScore)
      return { problem: `第 ${i + 1} 项的分值应为 1–${OBLIGATION_LIMITS.criterionMaxScore} 的整数` }
    criteria.push({ ...(r.id ? { id: r.id } : {}), text: r.text.trim(), maxScore: max })
  }
  if (criteria.length === 0) return { problem: '请至少保留一项考评内容' }
  const [standard, model, exemplary] = GRADES.map((g) => shareOf(th[g]))
  if (standard === null || model === null || exemplary === null) return { problem: '分数线应为 0–100 的百分比' }
  if (!(standard <= model && model <= exemplary)) return { problem: '分数线应为 标准 ≤ 样板 ≤ 示范' }
  return { input: { criteria, thresholds: { standard, model, exemplary } } }
}

/** City admin: the checklist every branch is scored on (criteria and their points), and each grade's share of the full score. */
export default function ChecklistEditor({ checklist, onSaved }: { checklist: Checklist; onSaved: () => Promise<void> }) {
  const [rows, setRows] = useState<Row[]>(() => rowsOf(checklist))
  const [th, setTh] = useState<Thresholds>(() => ({
    standard: percentText(checklist.thresholds.standard),
    model: percentText(checklist.thresholds.model),
    exemplary: percentText(checklist.thresholds.exemplary),
  }))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const total = rows.reduce((n, r) => n + (Number(r.max) || 0), 0)

  const setRow = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  const move = (i: number, by: -1 | 1) => {
    const next = [...rows]
    const [r] = next.splice(i, 1)
    next.splice(i + by, 0, r)
    setRows(next)
  }

  async function save() {
    const { input, problem } = inputOf(rows, th)
    if (problem || !input) return setError(problem ?? '请检查表单')
    setBusy(true)
    setError(null)
    try {
      await setChecklist(input)
      await onSaved()
      toastOk('考评标准已保存')
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Text className='rec__section'>
        考评内容（{rows.length} 项，满分 {total} 分）
      </Text>
      {rows.map((r, i) => (
        <View key={r.key} className='rec__card' data-testid='criterion'>
          <View className='rec__line'>
            <Text className='rec__label'>第 {i + 1} 项</Text>
            <View className='standard__moves'>
              {i > 0 && (
                <Text className='rec__link' data-testid='criterion-up' onClick={() => move(i, -1)}>
                  上移
                </Text>
              )}
              {i < rows.length - 1 && (
                <Text className='rec__link' data-testid='criterion-down' onClick={() => move(i, 1)}>
                  下移
                </Text>
              )}
              {rows.length > 1 && (
                <Text className='rec__link' data-testid='criterion-remove' onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                  删除
                </Text>
              )}
            </View>
          </View>
          <TextArea
            className='rec__area'
            value={r.text}
            maxLength={TEXT_LIMITS.criterion}
            rows={2}
            placeholder='考评内容'
            onChange={(text) => setRow(i, { text })}
            data-testid='criterion-text'
          />
          <View className='standard__points'>
            <Text className='rec__label'>分值</Text>
            <Input className='rec__field standard__number' type='number' value={r.max} maxLength={3} onChange={(max) => setRow(i, { max })} data-testid='criterion-max' />
            <Text className='rec__note'>分</Text>
          </View>
        </View>
      ))}
      {rows.length < OBLIGATION_LIMITS.criteria && (
        <Text className='rec__link' data-testid='criterion-add' onClick={() => setRows([...rows, { key: `new-${nextKey++}`, text: '', max: '10' }])}>
          ＋ 添加考评内容
        </Text>
      )}
      <Text className='rec__section'>等次分数线（占满分的百分比）</Text>
      <View className='rec__card'>
        {GRADES.map((g) => (
          <View key={g} className='standard__points'>
            <Text className='rec__label standard__grade'>{BRANCH_GRADE_LABEL[g]}</Text>
            <Input
              className='rec__field standard__number'
              type='digit'
              value={th[g]}
              maxLength={5}
              onChange={(v) => setTh({ ...th, [g]: v })}
              data-testid={`threshold-${g}`}
            />
            <Text className='rec__note'>% 及以上（{Math.ceil(((shareOf(th[g]) ?? 0) * total) - 1e-9)} 分）</Text>
          </View>
        ))}
        {checklist.updatedAt && <Text className='rec__note'>最近修改：{fmtDateTime(checklist.updatedAt)}</Text>}
        {error && (
          <Text className='rec__error' data-testid='checklist-error'>
            {error}
          </Text>
        )}
        <Button type='primary' block loading={busy} disabled={busy} data-testid='checklist-save' onClick={() => void save()}>
          保存考评标准
        </Button>
      </View>
    </>
  )
}
