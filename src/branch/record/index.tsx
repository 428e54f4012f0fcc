import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { AmendmentValue, MeetingRecordView } from '@cloud/contract/model'
import { MEETING_TYPE_LABEL, RECORD_STATE_LABEL, type AmendableField } from '@cloud/contract/vocabulary'
// Style order as on the other pages (they share one CSS chunk): Badge, StateView, then the rest.
import Badge from '../../components/Badge'
import StateView from '../../components/StateView'
import Dialog from '../../components/Dialog'
import ReasonInput from '../../components/ReasonInput'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { ApiError } from '../../services/api'
import { amendRecord, meetingRecord, reviewRecord, saveRecord, submitRecord, uploadPhoto } from '../../services/branch'
import { toastError, toastInfo, toastOk } from '../../utils/feedback'
import { BRANCH } from '../../utils/nav'
import { pickImage } from '../../utils/pickImage'
import { fmtDateTime, fmtRange } from '../../utils/time'
import { RECORD_TONE, rhythmPeriodLabel } from '../shared/labels'
import Editor, { draftOf, type Draft } from './Editor'
import { AmendForm, Amendments, RecordText } from './Filed'
import { RollRows, RollSummary } from './Roll'
import '../shared/index.scss'
import { useFontClass } from '../../utils/fontMode'
import './index.scss'

const same = (a: Draft, b: Draft) =>
  JSON.stringify({ ...a, absences: [...a.absences.values()] }) === JSON.stringify({ ...b, absences: [...b.absences.values()] })

/** The record a save sends: every field, blank 议题 rows left out. */
const toSave = (d: Draft) => ({
  host: d.host.trim() || null,
  recorder: d.recorder.trim() || null,
  topics: d.topics.map((t) => t.trim()).filter(Boolean),
  decisions: d.decisions,
  minutes: d.minutes,
  photos: d.photos,
  absences: [...d.absences.values()].map((a) => ({ memberId: a.memberId, reason: a.reason, note: a.note?.trim() || null })),
})

/** A meeting's record (会议记录): written by the branch, 上报, reviewed by the unit; corrections as amendments. */
export default function RecordPage() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const { params } = useRouter()
  const id = params.id ?? ''
  const view = useRemote(() => meetingRecord(id), !!session && !!id, id)
  const [draft, setDraft] = useState<Draft | null>(null)
  const [base, setBase] = useState<Draft | null>(null)
  const [busy, setBusy] = useState<'save' | 'submit' | 'amend' | 'review' | null>(null)
  const [uploading, setUploading] = useState(false)
  const [returning, setReturning] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const [comment, setComment] = useState('')

  // Each read of the record (the first, after a save, after someone else's change) refills the editor.
  const [filledFrom, setFilledFrom] = useState<MeetingRecordView | null>(null)
  if (view.data && view.data !== filledFrom) {
    setFilledFrom(view.data)
    const d = draftOf(view.data)
    setDraft(d)
    setBase(d)
  }

  if (!session) return null
  if (!id)
    return (
      <StateView loading={false} error={new Error('缺少会议编号，请从支部工作或我的支部进入')} empty emptyText=''>
        {null}
      </StateView>
    )
  const v = view.data
  const dirty = !!draft && !!base && !same(draft, base)

  /** Save the editor; true when saved. Someone else's save in between: say so and show theirs. */
  async function save(quiet = false): Promise<boolean> {
    if (!v || !draft) return false
    try {
      await saveRecord({ id, version: v.filed.version, ...toSave(draft) })
      await view.reload()
      if (!quiet) toastOk('已保存')
      return true
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONFLICT') {
        await view.reload()
        toastInfo('其他人刚修改了这份记录，已为您载入最新内容，请核对后再保存')
      } else toastError(e)
      return false
    }
  }

  async function run(kind: NonNullable<typeof busy>, work: () => Promise<unknown>, done: string) {
    setBusy(kind)
    try {
      await work()
      await view.reload()
      toastOk(done)
      return true
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONFLICT') {
        await view.reload()
        toastInfo('其他人刚修改了这份记录，已为您载入最新内容')
      } else toastError(e)
      return false
    } finally {
      setBusy(null)
    }
  }

  async function addPhoto() {
    if (!draft) return
    setUploading(true)
    try {
      const picked = await pickImage()
      if (!picked) return
      const r = await uploadPhoto(id, picked.mime, picked.base64)
      setDraft((d) => (d ? { ...d, photos: [...d.photos, r.id] } : d))
      toastInfo('照片已上传，保存后生效')
    } catch (e) {
      toastError(e)
    } finally {
      setUploading(false)
    }
  }

  async function onSave() {
    setBusy('save')
    await save()
    setBusy(null)
  }

  async function onSubmit() {
    if (!v) return
    if (await run('submit', () => submitRecord(id, v.filed.version), '已上报')) setSubmitting(false)
  }

  function amend(field: AmendableField, value: AmendmentValue, reason: string) {
    void run('amend', () => amendRecord({ id, field, value, reason }), '已补充更正')
  }

  async function sendBack() {
    if (comment.trim().length === 0) return toastError(new Error('请填写退回意见，说明需要补充或修改什么'))
    if (await run('review', () => reviewRecord(id, false, comment.trim()), '已退回')) setReturning(false)
  }

  return (
    <View className={`bl record ${fontClass}`}>
      <StateView loading={view.loading} error={view.error} empty={!v} emptyText='没有找到这次会议' onRetry={() => void view.reload()}>
        {v && draft && (
          <>
            <Head view={v} />
            <RollSummary roll={v.roll} />
            {v.may.edit ? (
              <>
                {v.record.reviewComment && v.record.state === 'returned' && (
                  <View className='record__returned' data-testid='return-comment'>
                    <Text className='record__label'>退回意见</Text>
                    <Text className='bl__text'>{v.record.reviewComment}</Text>
                  </View>
                )}
                <Editor view={v} draft={draft} onChange={setDraft} uploading={uploading} onAddPhoto={() => void addPhoto()} />
                <View className='record__problems' data-testid='problems'>
                  {v.problems.length === 0 ? (
                    <Text className='bl__note'>{dirty ? '有未保存的修改，请先保存。' : '记录已完整，可以上报。上报后不能再修改。'}</Text>
                  ) : (
                    <>
                      <Text className='record__label'>上报前还需要：</Text>
                      {v.problems.map((p) => (
                        <Text key={p} className='record__problem' data-testid='problem'>
                          · {p}
                        </Text>
                      ))}
                      <Text className='bl__note'>修改后请先保存，再上报。</Text>
                    </>
                  )}
                </View>
                <View className='record__bar'>
                  <Button block loading={busy === 'save'} disabled={!!busy || uploading} data-testid='save' onClick={() => void onSave()}>
                    保存
                  </Button>
                  <Button
                    type='primary'
                    block
                    loading={busy === 'submit'}
                    disabled={!!busy || uploading || dirty || !v.may.submit || v.problems.length > 0}
                    data-testid='submit'
                    onClick={() => setSubmitting(true)}
                  >
                    上报
                  </Button>
                </View>
              </>
            ) : (
              <>
                {v.record.state !== 'draft' && v.record.state !== 'returned' && (
                  <Text className='record__locked' data-testid='locked'>
                    🔒 {v.names.submittedBy ?? ''} {v.record.submittedAt ? `${fmtDateTime(v.record.submittedAt)} ` : ''}已上报，记录已锁定
                  </Text>
                )}
                <RecordText view={v} />
                <Text className='bl__section'>参会名单</Text>
                <RollRows rows={v.roll.rows} absences={null} />
              </>
            )}
            <Amendments view={v} />
            {v.may.amend && <AmendForm view={v} busy={busy === 'amend'} onSubmit={amend} />}
            {v.may.review && (
              <>
                <Text className='bl__section'>审阅</Text>
                <View className='bl__card' data-testid='review-box'>
                  <Text className='bl__note'>核对会议情况、参会名单和缺席原因无误后审阅通过；有问题请退回并写明意见。</Text>
                  <View className='record__bar record__bar--flat'>
                    <Button block disabled={!!busy} data-testid='review-return' onClick={() => (setComment(''), setReturning(true))}>
                      退回
                    </Button>
                    <Button
                      type='primary'
                      block
                      loading={busy === 'review'}
                      disabled={!!busy}
                      data-testid='review-approve'
                      onClick={() => void run('review', () => reviewRecord(id, true), '已审阅通过')}
                    >
                      审阅通过
                    </Button>
                  </View>
                </View>
              </>
            )}
            {v.record.reviewedAt && v.record.state === 'reviewed' && (
              <Text className='bl__note record__pad' data-testid='reviewed'>
                {v.names.reviewedBy ?? ''} {fmtDateTime(v.record.reviewedAt)} 审阅通过{v.record.reviewComment ? `：${v.record.reviewComment}` : ''}
              </Text>
            )}
            <Text className='bl__link' data-testid='to-print' onClick={() => void Taro.navigateTo({ url: BRANCH.print({ id }) })}>
              打印会议记录 ›
            </Text>
          </>
        )}
      </StateView>
      {submitting && (
        <Dialog
          open
          busy={busy === 'submit'}
          title='上报会议记录？'
          subtitle='上报后记录将锁定，不能再修改；如有错漏只能补充更正。'
          confirmText='上报'
          onCancel={() => setSubmitting(false)}
          onConfirm={() => void onSubmit()}
        />
      )}
      {returning && (
        <Dialog open busy={busy === 'review'} title='退回会议记录' subtitle='请写明需要补充或修改的内容' confirmText='退回' danger onCancel={() => setReturning(false)} onConfirm={() => void sendBack()}>
          <ReasonInput value={comment} onChange={setComment} placeholder='退回意见（必填）' testId='review-comment' />
        </Dialog>
      )}
    </View>
  )
}

function Head({ view: v }: { view: MeetingRecordView }) {
  const a = v.activity
  const m = a.meeting
  return (
    <View className='bl__head'>
      <View className='bl__line'>
        <Text className='bl__title'>{a.title}</Text>
        <Badge tone={RECORD_TONE[v.record.state]} testId='record-state'>
          {RECORD_STATE_LABEL[v.record.state]}
        </Badge>
      </View>
      <Text className='bl__meta'>
        {a.branchName}
        {a.partyGroupName ? ` · ${a.partyGroupName}` : ''} · {m ? MEETING_TYPE_LABEL[m.type] : '会议'}
        {m?.election ? '（选举）' : ''}
        {m ? ` · ${rhythmPeriodLabel(m.forPeriod)}` : ''}
      </Text>
      <Text className='bl__meta'>
        {fmtRange(a.startAt, a.endAt)}
        {a.placeName ? ` · ${a.placeName}` : ''}
      </Text>
      {(v.heldLate || v.filedLate || a.status === 'cancelled') && (
        <View className='bl__tags record__tags'>
          {a.status === 'cancelled' && <Badge>已取消</Badge>}
          {v.heldLate && <Badge tone='warning'>补开</Badge>}
          {v.filedLate && <Badge tone='warning'>补报</Badge>}
        </View>
      )}
    </View>
  )
}
