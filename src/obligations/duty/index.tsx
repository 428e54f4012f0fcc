import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { DutyReport, MemberProfile } from '@cloud/contract/model'
import { APPRAISAL_GRADE_LABEL, APPRAISAL_GRADES, DUTY_LEVEL_LABEL, type AppraisalGrade } from '@cloud/contract/vocabulary'
import { branchesRun, isAdmin, isCityAdmin, isUnitAdminOf } from '@cloud/domain/roles'
// Style order as on the other pages (they share one CSS chunk): Badge, StateView, then the rest.
import Badge from '../../components/Badge'
import StateView from '../../components/StateView'
import Dialog from '../../components/Dialog'
import ReasonInput from '../../components/ReasonInput'
import { useBusy } from '../../hooks/useBusy'
import { useRemote } from '../../hooks/useRemote'
import { appraiseDutyReport, dutyReports } from '../../services/obligationRecords'
import { fmtDateTime } from '../../utils/time'
import UnitPicker from '../../admin/shared/UnitPicker'
import Chips from '../records/Chips'
import { EvidenceView } from '../records/Evidence'
import { APPRAISAL_TONE, thisYear } from '../records/labels'
import { useRecordScope, type OrgUnit } from '../records/scope'
import ReportForm, { type Subject } from './ReportForm'
import '../records/index.scss'
import { useFontClass } from '../../utils/fontMode'
import './index.scss'

/** Whose 述职 this page lists: the unit's 机关党委书记 (for admins) and each branch's 党支部书记 the caller sees. */
function subjectsOf(unit: OrgUnit, me: MemberProfile): Subject[] {
  const secretaryOf = (b: OrgUnit['branches'][number]) => b.officers.find((o) => o.role === 'branchSecretary')?.name ?? null
  return [
    ...(isAdmin(me) ? [{ level: 'unit' as const, id: unit.id, name: unit.name, unitId: unit.id, secretary: null }] : []),
    ...unit.branches.map((b) => ({ level: 'branch' as const, id: b.id, name: b.name, unitId: unit.id, secretary: secretaryOf(b) })),
  ]
}

/**
 * Who writes a subject's report: the unit's admin for the unit; the branch's secretary or 组织委员 for
 * a branch, or the unit's admin on its behalf (not rewriting one the branch wrote: they appraise it).
 */
const mayReport = (me: MemberProfile, s: Subject, r: DutyReport | null) =>
  s.level === 'unit'
    ? isUnitAdminOf(me, s.unitId)
    : branchesRun(me).includes(s.id) || (isUnitAdminOf(me, s.unitId) && (!r || r.submittedBy === me.id))
/** Who appraises: the level above (the unit for a branch, the city for a unit), never the one who submitted. */
const mayAppraise = (me: MemberProfile, s: Subject, r: DutyReport) =>
  r.submittedBy !== me.id && r.grade === null && (isCityAdmin(me) || (s.level === 'branch' && isUnitAdminOf(me, s.unitId)))

const toggledSet = (set: Set<string>, id: string) => {
  const next = new Set(set)
  if (!next.delete(id)) next.add(id)
  return next
}

/** 述职评议 of this year: each secretary's report state, submitting one, and appraising it from the level above. */
export default function DutyPage() {
  const fontClass = useFontClass()
  const { params } = useRouter()
  const scope = useRecordScope(params.unit)
  const me = scope.me
  const year = thisYear()
  const unit = scope.unit
  const list = useRemote(() => dutyReports(year, unit?.id), !!me && !!unit, `${year}|${unit?.id ?? ''}`)
  const [writing, setWriting] = useState<Subject | null>(null)
  const [appraising, setAppraising] = useState<DutyReport | null>(null)
  const [grade, setGrade] = useState<AppraisalGrade>('excellent')
  const [comment, setComment] = useState('')
  const [open, setOpen] = useState<Set<string>>(new Set())
  const { busy, run } = useBusy()

  if (!me) return null
  if (!scope.tree.loading && !scope.tree.error && scope.units.length === 0 && scope.tree.data)
    return (
      <StateView loading={false} error={new Error('述职评议仅对单位管理员、党支部书记和组织委员开放')} empty emptyText=''>
        {null}
      </StateView>
    )

  const reports: DutyReport[] = list.data ?? []
  const reportOf = (s: Subject) => reports.find((r) => r.level === s.level && r.subjectId === s.id) ?? null
  const subjects = unit ? subjectsOf(unit, me) : []

  function appraise() {
    if (!appraising) return
    void run(
      () => appraiseDutyReport({ reportId: appraising.id, grade, comment: comment.trim() || null }),
      '评议已保存',
      async () => {
        setAppraising(null)
        await list.reload()
      },
    )
  }

  return (
    <View className={`rec duty ${fontClass}`}>
      <View className='rec__head'>
        <Text className='rec__title'>{year} 年度书记述职评议</Text>
        <Text className='rec__meta'>机关党委书记向工委述职，党支部书记向机关党委述职；上级评议 好 / 较好 / 一般 / 差。</Text>
      </View>
      {!writing && <UnitPicker units={scope.units} value={unit?.id ?? ''} onChange={scope.pick} />}
      {writing ? (
        <ReportForm
          subject={writing}
          year={year}
          current={reportOf(writing)}
          myName={me.name}
          onCancel={() => setWriting(null)}
          onSaved={async () => {
            setWriting(null)
            await list.reload()
          }}
        />
      ) : (
        <StateView
          loading={list.loading || scope.tree.loading}
          error={list.error ?? scope.tree.error}
          empty={subjects.length === 0}
          emptyText='没有需要述职的书记'
          onRetry={() => void list.reload()}
        >
          <Text className='rec__section'>
            已述职 {subjects.filter(reportOf).length} / {subjects.length}，已评议 {subjects.filter((s) => reportOf(s)?.grade).length}
          </Text>
          {subjects.map((s) => {
            const r = reportOf(s)
            return (
              <View key={`${s.level}-${s.id}`} className='rec__card' data-testid='duty-row' data-level={s.level} data-subject-id={s.id}>
                <View className='rec__line'>
                  <View className='duty__who'>
                    <Text className='rec__name'>{s.level === 'unit' ? `${s.name}机关党委` : s.name}</Text>
                    <Text className='rec__note'>
                      {DUTY_LEVEL_LABEL[s.level]} {r?.reporterName ?? s.secretary ?? ''}
                    </Text>
                  </View>
                  {!r ? (
                    <Badge testId='duty-state'>未述职</Badge>
                  ) : r.grade ? (
                    <Badge tone={APPRAISAL_TONE[r.grade]} testId='duty-state'>
                      评议：{APPRAISAL_GRADE_LABEL[r.grade]}
                    </Badge>
                  ) : (
                    <Badge tone='warning' testId='duty-state'>
                      待评议
                    </Badge>
                  )}
                </View>
                {r && (
                  <>
                    <Text className='rec__note'>{fmtDateTime(r.submittedAt)} 提交</Text>
                    <Text className={`rec__text ${open.has(r.id) ? '' : 'duty__text--clamped'}`} data-testid='duty-report-text'>
                      {r.text}
                    </Text>
                    {r.text.length > 80 && (
                      <Text className='rec__link duty__more' onClick={() => setOpen(toggledSet(open, r.id))}>
                        {open.has(r.id) ? '收起' : '展开全文'}
                      </Text>
                    )}
                    <EvidenceView ids={r.evidence} />
                    {r.grade && r.comment && <Text className='rec__note'>评议意见：{r.comment}</Text>}
                  </>
                )}
                <View className='rec__actions'>
                  {mayReport(me, s, r) && !r?.grade && (
                    <Button size='small' type={r ? 'default' : 'primary'} data-testid='duty-submit' onClick={() => (setWriting(s), void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }))}>
                      {r ? '修改述职' : '提交述职'}
                    </Button>
                  )}
                  {r && mayAppraise(me, s, r) && (
                    <Button size='small' type='primary' data-testid='duty-appraise' onClick={() => (setGrade('excellent'), setComment(''), setAppraising(r))}>
                      评议
                    </Button>
                  )}
                </View>
              </View>
            )
          })}
        </StateView>
      )}
      {appraising && (
        <Dialog
          open
          busy={busy}
          title={`评议 ${appraising.reporterName} 的述职`}
          subtitle='评议后述职报告锁定，不能再修改'
          confirmText='保存评议'
          onCancel={() => setAppraising(null)}
          onConfirm={appraise}
        >
          <Chips options={APPRAISAL_GRADES} label={(g) => APPRAISAL_GRADE_LABEL[g]} chosen={[grade]} onTap={setGrade} testId='appraise-grade' />
          <ReasonInput value={comment} onChange={setComment} placeholder='评议意见（选填）' testId='appraise-comment' />
        </Dialog>
      )}
    </View>
  )
}
