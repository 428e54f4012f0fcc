import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import type { BranchScore, Checklist } from '@cloud/contract/model'
import { BRANCH_GRADE_LABEL, TEXT_LIMITS } from '@cloud/contract/vocabulary'
import Badge from '../../components/Badge'
import { scoreBranch } from '../../services/obligationRecords'
import { toastOk } from '../../utils/feedback'
import { EvidenceEditor } from '../records/Evidence'
import { GRADE_TONE, gradeFor, messageOf } from '../records/labels'

interface Line {
  score: string
  note: string
  evidence: string[]
}

interface Props {
  branch: { id: string; name: string; unitId: string }
  year: string
  checklist: Checklist
  /** The branch's score this year, to change. */
  current: BranchScore | null
  onSaved: () => Promise<void>
  onCancel: () => void
}

const scoreOf = (t: string): number | null => {
  const s = t.trim()
  if (!s) return null
  const n = Number(s)
  return Number.isFinite(n) ? n : null
}

/** Score a branch on each criterion (with a note and evidence); the total and the grade it gives update as the scores are typed. */
export default function ScoreForm({ branch, year, checklist, current, onSaved, onCancel }: Props) {
  const [lines, setLines] = useState<Record<string, Line>>(() =>
    Object.fromEntries(
      checklist.criteria.map((c) => {
        const s = current?.scores.find((x) => x.criterionId === c.id)
        return [c.id, { score: s ? String(s.score) : '', note: s?.note ?? '', evidence: s?.evidence ?? [] }]
      }),
    ),
  )
  // A criterion's evidence uploader shows once asked for (or when it has files): eight of them would bury the scores.
  const [withEvidence, setWithEvidence] = useState<Set<string>>(new Set())
  const [uploading, setUploading] = useState(0)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const maxTotal = checklist.criteria.reduce((n, c) => n + c.maxScore, 0)
  const total = checklist.criteria.reduce((n, c) => n + Math.min(c.maxScore, Math.max(0, scoreOf(lines[c.id].score) ?? 0)), 0)
  const grade = gradeFor(total, maxTotal, checklist.thresholds)
  const set = (id: string, patch: Partial<Line>) => setLines((l) => ({ ...l, [id]: { ...l[id], ...patch } }))

  async function save() {
    for (const [i, c] of checklist.criteria.entries()) {
      const s = scoreOf(lines[c.id].score)
      if (s === null || s < 0 || s > c.maxScore) return setError(`第 ${i + 1} 项请打 0–${c.maxScore} 分`)
    }
    setBusy(true)
    setError(null)
    try {
      await scoreBranch({
        branchId: branch.id,
        year,
        scores: checklist.criteria.map((c) => ({
          criterionId: c.id,
          score: scoreOf(lines[c.id].score) ?? 0,
          note: lines[c.id].note.trim() || null,
          evidence: lines[c.id].evidence,
        })),
      })
      await onSaved()
      toastOk('评定已保存')
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View data-testid='score-form'>
      <Text className='rec__section'>
        {branch.name} · {year} 年评分
      </Text>
      {checklist.criteria.map((c, i) => (
        <View key={c.id} className='rec__card' data-testid='score-line'>
          <Text className='rec__text'>
            {i + 1}. {c.text}
          </Text>
          <View className='standard__points'>
            <Text className='rec__label'>得分</Text>
            <Input
              className='rec__field standard__number'
              type='digit'
              value={lines[c.id].score}
              maxLength={5}
              placeholder={`0–${c.maxScore}`}
              onChange={(score) => set(c.id, { score })}
              data-testid='score-value'
            />
            <Text className='rec__note'>/ {c.maxScore} 分</Text>
          </View>
          <Input
            className='rec__field'
            value={lines[c.id].note}
            maxLength={TEXT_LIMITS.reason}
            placeholder='扣分原因或说明（选填）'
            onChange={(note) => set(c.id, { note })}
            data-testid='score-note'
          />
          {withEvidence.has(c.id) || lines[c.id].evidence.length > 0 ? (
            <EvidenceEditor
              unitId={branch.unitId}
              ids={lines[c.id].evidence}
              onChange={(evidence) => set(c.id, { evidence })}
              onBusy={(b) => setUploading((n) => n + (b ? 1 : -1))}
              testId='score-evidence'
            />
          ) : (
            <Text className='rec__link standard__add' data-testid='score-evidence-open' onClick={() => setWithEvidence(new Set(withEvidence).add(c.id))}>
              ＋ 佐证材料
            </Text>
          )}
        </View>
      ))}
      <View className='rec__card standard__total' data-testid='score-total'>
        <View className='rec__line'>
          <Text className='rec__name'>
            合计 <Text data-testid='score-sum'>{total}</Text> / {maxTotal} 分
          </Text>
          <Badge tone={GRADE_TONE[grade]} testId='score-grade'>
            {BRANCH_GRADE_LABEL[grade]}
          </Badge>
        </View>
        <Text className='rec__note'>等次按当前考评标准估算，以保存后的评定为准。</Text>
        {error && (
          <Text className='rec__error' data-testid='score-error'>
            {error}
          </Text>
        )}
        <View className='rec__buttons'>
          <Button disabled={busy} onClick={onCancel}>
            取消
          </Button>
          <Button type='primary' loading={busy} disabled={busy || uploading > 0} data-testid='score-save' onClick={() => void save()}>
            保存评定
          </Button>
        </View>
      </View>
    </View>
  )
}
