import { useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import type { PolicyChange } from '@cloud/domain/policy'
import Badge from '../../components/Badge'
import StateView from '../../components/StateView'
import Dialog from '../../components/Dialog'
import { useNow } from '../../hooks/useNow'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { policy, setPolicy } from '../../services/stats'
import { toastError, toastOk } from '../../utils/feedback'
import { isCityAdmin } from '@cloud/domain/roles'
import { fmtDate, fmtDateTime, fromShanghai } from '../../utils/time'
import { MEETING_TYPE_LABEL, RHYTHMS, type MeetingType, type OrgLevel, type Rhythm } from '@cloud/contract/vocabulary'
import {
  changesOf,
  describe,
  FIELD_DIGITS,
  FIELDS,
  RHYTHM_LEVELS,
  rhythmChanges,
  rhythmLabel,
  shortLabel,
  toPolicyChange,
  valuesOf,
  type FieldKey,
  type RhythmValues,
  type Values,
} from './fields'
import '../shared/index.scss'
import { useFontClass } from '../../utils/fontMode'
import './index.scss'

const textsOf = (v: Values) => Object.fromEntries(FIELDS.map((f) => [f.key, String(v[f.key])])) as Record<FieldKey, string>

/** City admin: the scoring policy in force, its versions, and a new version from a date on. */
export default function PolicyPage() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const admin = !!session && isCityAdmin(session.member)
  const data = useRemote(policy, admin)
  const clock = useNow(60_000)
  const today = fmtDate(new Date(clock))
  const [date, setDate] = useState(today)
  const [texts, setTexts] = useState<Record<FieldKey, string> | null>(null)
  const [rhythm, setRhythm] = useState<RhythmValues | null>(null)
  const [pending, setPending] = useState<PolicyChange | null>(null)
  const [busy, setBusy] = useState(false)
  const current = data.data ? valuesOf(data.data.current) : null

  // Each policy read (the first, and the one after saving) fills the form with the values in force.
  const [filledFrom, setFilledFrom] = useState(data.data)
  if (data.data !== filledFrom) {
    setFilledFrom(data.data)
    if (data.data) {
      setTexts(textsOf(valuesOf(data.data.current)))
      setRhythm(data.data.current.meetingRhythm)
    }
  }

  if (!session) return null
  if (!admin)
    return (
      <StateView loading={false} error={new Error('积分规则仅限市直机关工委管理员设置')} empty emptyText=''>
        {null}
      </StateView>
    )

  function review() {
    if (!texts || !current) return
    const { changes, problem } = changesOf(texts, current)
    if (problem) return toastError(new Error(problem))
    const rhythmChange = rhythm && data.data ? rhythmChanges(rhythm, data.data.current.meetingRhythm) : null
    if (Object.keys(changes).length === 0 && !rhythmChange) return toastError(new Error('请至少修改一项规则'))
    setPending({ ...toPolicyChange(changes), ...(rhythmChange ? { meetingRhythm: rhythmChange } : {}) })
  }

  async function save() {
    if (!pending) return
    setBusy(true)
    try {
      // Today means from now on; a later day from its first moment (Shanghai).
      const effectiveFrom = date <= today ? new Date().toISOString() : fromShanghai(date, '00:00')
      await setPolicy({ effectiveFrom, ...pending })
      await data.reload()
      setPending(null)
      toastOk('已保存新版本')
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(false)
    }
  }

  const versions = [...(data.data?.versions ?? [])].reverse()
  // Versions in force by the later of the page's clock and the moment they were read: one saved "from now" is listed as in force.
  const now = Math.max(clock, data.loadedAt?.getTime() ?? 0)
  return (
    <View className={`stats policy ${fontClass}`}>
      <StateView loading={data.loading} error={data.error} empty={!current || !texts} emptyText='暂无规则' onRetry={() => void data.reload()}>
        {current && texts && (
          <>
            <Text className='stats__section'>现行规则</Text>
            <View className='stats__card policy__current' data-testid='policy-current'>
              {FIELDS.map((f) => (
                <View key={f.key} className='policy__current-item'>
                  <Text className='policy__current-value'>
                    {current[f.key]} {f.unit}
                  </Text>
                  <Text className='stats__note'>{shortLabel(f.label)}</Text>
                </View>
              ))}
            </View>
            <Text className='stats__section'>新增规则版本（现行值已填好，改动需要调整的项）</Text>
            <View className='stats__card'>
              {FIELDS.map((f) => (
                <View key={f.key} className='policy__field'>
                  <Text className='policy__label'>{f.label}</Text>
                  <View className='policy__value'>
                    <Input
                      className='policy__input'
                      type='number'
                      value={texts[f.key]}
                      maxLength={FIELD_DIGITS}
                      onChange={(v) => setTexts({ ...texts, [f.key]: v })}
                      data-testid={`policy-${f.key}`}
                    />
                    <Text className='policy__unit'>{f.unit}</Text>
                  </View>
                </View>
              ))}
              {rhythm && <RhythmFields value={rhythm} onChange={setRhythm} />}
              <View className='policy__field'>
                <Text className='policy__label'>生效日期</Text>
                <Picker mode='date' value={date} start={today} onChange={(e) => setDate(String(e.detail.value))}>
                  <Text className='policy__date' data-testid='policy-date'>
                    {date <= today ? `${date}（保存后立即生效）` : `${date} 0 点起`} ›
                  </Text>
                </Picker>
              </View>
              <Text className='stats__note'>新规则只适用于生效后的签到；已产生的积分不追溯调整。</Text>
              <Button type='primary' block data-testid='policy-save' onClick={review}>
                保存为新版本
              </Button>
            </View>
            <Text className='stats__section'>版本记录</Text>
            <View className='stats__card' data-testid='policy-versions'>
              {versions.length === 0 && <Text className='stats__note'>尚无调整，现行规则为系统默认值。</Text>}
              {versions.map((v) => (
                <View key={v.seq} className='policy__version' data-testid='policy-version'>
                  <View className='policy__version-head'>
                    <Text className='policy__version-date'>{fmtDateTime(v.effectiveFrom)} 起</Text>
                    {Date.parse(v.effectiveFrom) > now ? <Badge tone='warning'>待生效</Badge> : <Badge tone='neutral'>已生效</Badge>}
                  </View>
                  <Text className='stats__note'>{describe(v.policy as PolicyChange)}</Text>
                  <Text className='stats__note'>{fmtDateTime(v.createdAt)} 设置</Text>
                </View>
              ))}
            </View>
          </>
        )}
      </StateView>
      {pending && (
        <Dialog
          open
          busy={busy}
          title={pending.meetingRhythm && Object.keys(pending).length === 1 ? '保存新的会议频次版本？' : '保存新的规则版本？'}
          subtitle={`${date <= today ? '保存后立即生效' : `${date} 0 点起生效`}：${describe(pending)}`}
          confirmText='保存'
          onCancel={() => setPending(null)}
          onConfirm={() => void save()}
        />
      )}
    </View>
  )
}

const RHYTHM_OPTIONS: (Rhythm | null)[] = [...RHYTHMS, null]

/** 会议频次: how often each level must hold each meeting type (每月…每年, or 不要求). */
function RhythmFields({ value, onChange }: { value: RhythmValues; onChange: (v: RhythmValues) => void }) {
  const set = (level: OrgLevel, type: MeetingType, r: Rhythm | null) => onChange({ ...value, [level]: { ...value[level], [type]: r } })
  return (
    <View className='policy__rhythm' data-testid='policy-rhythm'>
      <Text className='policy__label'>会议频次（三会一课等，按组织层级）</Text>
      {RHYTHM_LEVELS.map(({ level, label, types }) => (
        <View key={level} className='policy__rhythm-level'>
          <Text className='policy__rhythm-level-name'>{label}</Text>
          {types.map((t) => (
            <View key={t} className='policy__rhythm-row'>
              <Text className='policy__rhythm-type'>{MEETING_TYPE_LABEL[t]}</Text>
              <View className='policy__rhythm-choices'>
                {RHYTHM_OPTIONS.map((r) => (
                  <Text
                    key={r ?? 'none'}
                    className={`policy__rhythm-choice ${(value[level][t] ?? null) === r ? 'policy__rhythm-choice--on' : ''}`}
                    data-testid={`rhythm-${level}-${t}-${r ?? 'none'}`}
                    onClick={() => set(level, t, r)}
                  >
                    {rhythmLabel(r)}
                  </Text>
                ))}
              </View>
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}
