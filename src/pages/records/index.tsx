import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ACTIVITY_KIND_LABEL, ACTIVITY_KINDS, CREDIT_METHOD_LABEL, MAKEUP_STATUS_LABEL, type ActivityKind } from '@cloud/contract/vocabulary'
import type { MakeupView, MyRecord } from '@cloud/contract/model'
import Badge, { REVIEW_TONE } from '../../components/Badge'
import KindTag from '../../components/KindTag'
import StateView from '../../components/StateView'
// Before Tabs: the sheet's styles (Dialog, ReasonInput) load in the order other pages load them (one CSS order for the shared chunk).
import MissedList from './MissedList'
import Tabs from '../../components/Tabs'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { myMakeups, myMissed, myRecords } from '../../services/checkin'
import { PAGES } from '../../utils/nav'
import { fmtDateTime, fmtTime } from '../../utils/time'
import { useFontClass } from '../../utils/fontMode'
import './index.scss'

type Tab = 'records' | 'makeups' | 'missed'
const TABS: Tab[] = ['records', 'makeups', 'missed']
const FILTERS: (ActivityKind | 'all')[] = ['all', ...ACTIVITY_KINDS]

/** The tab a link asks for (`?tab=missed` from a reminder or the check-in page), else the records. */
const tabOf = (asked: string | undefined): Tab => TABS.find((t) => t === asked) ?? 'records'

export default function Records() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const { params } = useRouter()
  const [tab, setTab] = useState<Tab>(tabOf(params.tab))
  const [kind, setKind] = useState<ActivityKind | 'all'>('all')
  const records = useRemote(() => myRecords(kind === 'all' ? undefined : kind), !!session && tab === 'records', kind)
  const makeups = useRemote(myMakeups, !!session && tab === 'makeups')
  // Read on opening whatever the tab: its count is the tab's badge.
  const missed = useRemote(myMissed, !!session)
  if (!session) return null
  const list = records.data?.records ?? []
  const points = list.reduce((s, r) => s + r.points, 0)
  const hours = list.reduce((s, r) => s + r.hours, 0)
  const requests = makeups.data?.makeups ?? []
  const missedCount = missed.data?.activities.length ?? 0

  return (
    <View className={`records ${fontClass}`}>
      <Tabs
        items={[
          { key: 'records', label: '签到记录' },
          { key: 'makeups', label: '补签申请' },
          { key: 'missed', label: '未签到', count: missedCount > 0 ? missedCount : undefined },
        ]}
        value={tab}
        onChange={(t) => {
          // Read again on coming back to it: an organizer may have decided a request meanwhile.
          if (t === 'missed' && tab !== 'missed') void missed.reload()
          setTab(t)
        }}
      />
      {tab === 'records' ? (
        <>
          <View className='records__filters'>
            {FILTERS.map((k) => (
              <Text key={k} className={`records__filter ${k === kind ? 'records__filter--on' : ''}`} onClick={() => setKind(k)}>
                {k === 'all' ? '全部' : ACTIVITY_KIND_LABEL[k]}
              </Text>
            ))}
          </View>
          {list.length > 0 && (
            <Text className='records__summary'>
              共 {list.length} 条签到记录，累计 {points} 积分{hours > 0 ? `、志愿时长 ${hours} 小时` : ''}
            </Text>
          )}
          <StateView
            loading={records.loading}
            error={records.error}
            empty={list.length === 0}
            emptyText='还没有签到记录'
            emptyHint='参加活动并扫码签到后，记录会出现在这里'
            onRetry={() => void records.reload()}
          >
            {list.map((r) => (
              <RecordItem key={r.checkInId} record={r} />
            ))}
          </StateView>
        </>
      ) : tab === 'makeups' ? (
        <StateView
          loading={makeups.loading}
          error={makeups.error}
          empty={requests.length === 0}
          emptyText='还没有补签申请'
          emptyHint='错过签到的活动列在“未签到”中，可在那里申请补签'
          onRetry={() => void makeups.reload()}
        >
          {requests.map((m) => (
            <MakeupItem key={m.id} makeup={m} />
          ))}
        </StateView>
      ) : (
        <MissedList missed={missed} />
      )}
    </View>
  )
}

function RecordItem({ record: r }: { record: MyRecord }) {
  const volunteer = r.kind === 'volunteer'
  const credit = !volunteer
    ? `+${r.points} 积分`
    : r.hours > 0 || r.checkedOutAt
      ? `${r.hours} 小时`
      : r.hoursPending > 0
        ? '时长审核中'
        : '时长待确认'
  return (
    // A record opens its activity (what it was, where, who organized it).
    <View
      className='records__item records__item--link'
      hoverClass='records__item--pressed'
      aria-role='button'
      data-testid='record'
      onClick={() => void Taro.navigateTo({ url: PAGES.activity(r.activityId) })}
    >
      <View className='records__head'>
        <KindTag kind={r.kind} subKind={r.subKind} />
        <Text className='records__credit'>{credit}</Text>
      </View>
      <Text className='records__title'>{r.title}</Text>
      <Text className='records__meta'>
        {fmtDateTime(r.checkedInAt)} · {CREDIT_METHOD_LABEL[r.method]} · {r.unitName}
        {volunteer && r.checkedOutAt ? ` · 签退 ${fmtTime(r.checkedOutAt)}` : ''}
      </Text>
      {volunteer && (r.hoursPending > 0 || !r.checkedOutAt) && (
        <View className='records__badges'>
          {r.hoursPending > 0 && <Badge tone='warning'>待确认 {r.hoursPending} 小时</Badge>}
          {!r.checkedOutAt && <Badge tone='warning'>未签退</Badge>}
        </View>
      )}
    </View>
  )
}

function MakeupItem({ makeup: m }: { makeup: MakeupView }) {
  return (
    <View className='records__item' data-testid='makeup' data-status={m.status}>
      <View className='records__head'>
        <Text className='records__title'>{m.activityTitle}</Text>
        <Badge tone={REVIEW_TONE[m.status]} testId='makeup-status'>
          {MAKEUP_STATUS_LABEL[m.status]}
        </Badge>
      </View>
      <Text className='records__reason'>理由：{m.reason}</Text>
      <Text className='records__meta'>
        {fmtDateTime(m.requestedAt)} 申请{m.requestedBy !== m.memberId ? '（组织者补录）' : ''}
        {m.reviewedAt ? ` · ${fmtDateTime(m.reviewedAt)} 审核` : ''}
      </Text>
      {m.reviewComment && m.status !== 'pending' && <Text className='records__comment'>组织者意见：{m.reviewComment}</Text>}
    </View>
  )
}
