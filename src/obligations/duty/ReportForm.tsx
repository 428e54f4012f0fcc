import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import type { DutyReport } from '@cloud/contract/model'
import { DUTY_LEVEL_LABEL, TEXT_LIMITS, type DutyLevel } from '@cloud/contract/vocabulary'
import { submitDutyReport } from '../../services/obligationRecords'
import { toastOk } from '../../utils/feedback'
import { EvidenceEditor } from '../records/Evidence'
import { messageOf } from '../records/labels'

export interface Subject {
  level: DutyLevel
  /** The unit (机关党委书记) or the branch (党支部书记). */
  id: string
  name: string
  unitId: string
  /** The secretary as the org knows them, to prefill 述职人. */
  secretary: string | null
}

interface Props {
  subject: Subject
  year: string
  /** The report not yet appraised, to change. */
  current: DutyReport | null
  myName: string
  onSaved: () => Promise<void>
  onCancel: () => void
}

/** A secretary's 述职: who reports, the report, evidence; it can be changed until it is appraised. */
export default function ReportForm({ subject, year, current, myName, onSaved, onCancel }: Props) {
  const [reporter, setReporter] = useState(current?.reporterName ?? subject.secretary ?? myName)
  const [text, setText] = useState(current?.text ?? '')
  const [ids, setIds] = useState<string[]>(current?.evidence ?? [])
  const [uploading, setUploading] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function save() {
    if (!reporter.trim()) return setError('请填写述职人姓名')
    if (!text.trim()) return setError('请填写述职报告')
    setBusy(true)
    setError(null)
    try {
      await submitDutyReport({ level: subject.level, subjectId: subject.id, year, reporterName: reporter.trim(), text: text.trim(), evidence: ids })
      await onSaved()
      toastOk('述职报告已提交')
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='rec__card' data-testid='duty-form'>
      <Text className='rec__name'>
        {subject.name} · {DUTY_LEVEL_LABEL[subject.level]}述职
      </Text>
      <Text className='rec__label'>述职人</Text>
      <Input className='rec__field' value={reporter} maxLength={TEXT_LIMITS.personName} onChange={setReporter} data-testid='duty-reporter' />
      <Text className='rec__label'>述职报告</Text>
      <TextArea
        className='rec__area'
        value={text}
        maxLength={TEXT_LIMITS.dutyReport}
        rows={8}
        showCount
        placeholder='履行管党治党责任、抓基层党建工作情况，存在问题及下一步打算'
        onChange={setText}
        data-testid='duty-text'
      />
      <Text className='rec__label'>佐证材料（选填）</Text>
      <EvidenceEditor unitId={subject.unitId} ids={ids} onChange={setIds} onBusy={setUploading} testId='duty-evidence' />
      <Text className='rec__note'>评议前可以修改；评议后锁定。</Text>
      {error && (
        <Text className='rec__error' data-testid='duty-error'>
          {error}
        </Text>
      )}
      <View className='rec__buttons'>
        <Button disabled={busy} onClick={onCancel}>
          取消
        </Button>
        <Button type='primary' loading={busy} disabled={busy || uploading} data-testid='duty-save' onClick={() => void save()}>
          提交述职
        </Button>
      </View>
    </View>
  )
}
