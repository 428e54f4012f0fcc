import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import type { AmendmentValue, MeetingRecordView } from '@cloud/contract/model'
import { ABSENCE_REASON_LABEL, ABSENCE_REASONS, AMENDABLE_FIELD_LABEL, AMENDABLE_FIELDS, TEXT_LIMITS, type AbsenceReason, type AmendableField } from '@cloud/contract/vocabulary'
import ReasonInput, { reasonProblem } from '../../components/ReasonInput'
import { toastError } from '../../utils/feedback'
import { fmtDateTime } from '../../utils/time'
import { PhotoThumb } from '../shared/Photos'

/** An amendment's value in words. */
export function valueText(v: AmendmentValue, names: Map<string, string>): string {
  if (typeof v === 'string') return v || '（空）'
  if (Array.isArray(v)) return v.map((t, i) => `${i + 1}. ${t}`).join('；')
  return `${names.get(v.memberId) ?? '某人'}：${ABSENCE_REASON_LABEL[v.reason]}${v.note ? `（${v.note}）` : ''}`
}

/** The record as it reads now (amendments applied), read-only. */
export function RecordText({ view }: { view: MeetingRecordView }) {
  const r = view.record
  return (
    <View className='bl__card' data-testid='record-text'>
      <Item label='主持人' value={r.host} testId='ro-host' />
      <Item label='记录人' value={r.recorder} testId='ro-recorder' />
      <Text className='record__label'>议题</Text>
      {r.topics.length === 0 && <Text className='bl__note'>（未填写）</Text>}
      {r.topics.map((t, i) => (
        <Text key={i} className='bl__text' data-testid='ro-topic'>
          {i + 1}. {t}
        </Text>
      ))}
      <Text className='record__label'>决议</Text>
      <Text className='bl__text'>{r.decisions || '（无）'}</Text>
      <Text className='record__label'>会议纪要</Text>
      <Text className='bl__text record__minutes' data-testid='ro-minutes'>
        {r.minutes || '（未填写）'}
      </Text>
      {r.photos.length > 0 && (
        <>
          <Text className='record__label'>会议照片</Text>
          <View className='record__photos'>
            {r.photos.map((id) => (
              <PhotoThumb key={id} id={id} />
            ))}
          </View>
        </>
      )}
    </View>
  )
}

function Item({ label, value, testId }: { label: string; value: string | null; testId: string }) {
  return (
    <View className='bl__line'>
      <Text className='record__label'>{label}</Text>
      <Text className='bl__text' data-testid={testId}>
        {value || '（未填写）'}
      </Text>
    </View>
  )
}

/** 补充更正: who corrected what, when and why; the filed record itself never changes. */
export function Amendments({ view }: { view: MeetingRecordView }) {
  const names = new Map(view.roll.rows.map((r) => [r.memberId, r.name]))
  if (view.amendments.length === 0) return null
  return (
    <>
      <Text className='bl__section'>补充更正（{view.amendments.length}）</Text>
      <View className='bl__card' data-testid='amendments'>
        {view.amendments.map((a) => (
          <View key={a.id} className='record__amendment' data-testid='amendment'>
            <Text className='record__label'>
              {AMENDABLE_FIELD_LABEL[a.field]} 更正为：{valueText(a.value, names)}
            </Text>
            <Text className='bl__note'>
              原因：{a.reason} · {a.byName} · {fmtDateTime(a.at)}
            </Text>
          </View>
        ))}
      </View>
    </>
  )
}

/** The form of a 补充更正: a field, its new value, why. */
export function AmendForm({ view, busy, onSubmit }: { view: MeetingRecordView; busy: boolean; onSubmit: (field: AmendableField, value: AmendmentValue, reason: string) => void }) {
  const [field, setField] = useState<AmendableField>('minutes')
  const [text, setText] = useState('')
  const [memberId, setMemberId] = useState('')
  const [reasonKind, setReasonKind] = useState<AbsenceReason>('business')
  const [why, setWhy] = useState('')
  const absentees = view.roll.rows.filter((r) => r.status === 'absent')
  const fields = AMENDABLE_FIELDS.filter((f) => f !== 'absence' || absentees.length > 0)

  function submit() {
    const problem = reasonProblem(why, '更正原因')
    if (problem) return toastError(new Error(problem))
    if (field === 'absence') {
      if (!memberId) return toastError(new Error('请选择要更正缺席原因的人员'))
      return onSubmit(field, { memberId, reason: reasonKind, note: text.trim() || null }, why.trim())
    }
    if (field === 'topics')
      return onSubmit(
        field,
        text
          .split('\n')
          .map((t) => t.trim())
          .filter(Boolean),
        why.trim(),
      )
    onSubmit(field, text.trim(), why.trim())
  }

  return (
    <>
      <Text className='bl__section'>补充更正</Text>
      <View className='bl__card' data-testid='amend-form'>
        <Text className='bl__note'>已上报的记录不能修改，如有错漏请在此补充更正；原记录和更正都会保留并打印。</Text>
        <View className='record__reasons'>
          {fields.map((f) => (
            <Text key={f} className={`bl__chip ${field === f ? 'bl__chip--on' : ''}`} data-testid={`amend-field-${f}`} onClick={() => setField(f)}>
              {AMENDABLE_FIELD_LABEL[f]}
            </Text>
          ))}
        </View>
        {field === 'absence' ? (
          <>
            <View className='record__reasons'>
              {absentees.map((r) => (
                <Text key={r.memberId} className={`bl__chip ${memberId === r.memberId ? 'bl__chip--on' : ''}`} onClick={() => setMemberId(r.memberId)}>
                  {r.name}
                </Text>
              ))}
            </View>
            <View className='record__reasons'>
              {ABSENCE_REASONS.map((k) => (
                <Text key={k} className={`bl__chip ${reasonKind === k ? 'bl__chip--on' : ''}`} onClick={() => setReasonKind(k)}>
                  {ABSENCE_REASON_LABEL[k]}
                </Text>
              ))}
            </View>
          </>
        ) : null}
        <TextArea
          className='record__area'
          value={text}
          rows={field === 'minutes' ? 5 : 2}
          maxLength={field === 'minutes' ? TEXT_LIMITS.minutes : TEXT_LIMITS.decisions}
          placeholder={field === 'topics' ? '更正后的议题，每行一项' : field === 'absence' ? '说明（选填）' : `更正后的${AMENDABLE_FIELD_LABEL[field]}`}
          onChange={setText}
          data-testid='amend-value'
        />
        <ReasonInput value={why} onChange={setWhy} placeholder='更正原因（必填），如：漏记一项决议' testId='amend-reason' />
        <Button type='primary' block loading={busy} disabled={busy} data-testid='amend-submit' onClick={submit}>
          提交更正
        </Button>
      </View>
    </>
  )
}
