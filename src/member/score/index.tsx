import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { CREDIT_METHOD_LABEL, type ActivityKind, type CreditMethod } from '@cloud/contract/vocabulary'
import type { MyScoreResult } from '@cloud/functions/stats/boards'
import Badge from '../../components/Badge'
import KindTag from '../../components/KindTag'
import StateView from '../../components/StateView'
import FilterEmpty from '../../components/FilterEmpty'
import Figures from '../../components/Figures'
import PeriodPicker from '../../components/PeriodPicker'
import AsOf from '../../components/AsOf'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { myScore } from '../../services/stats'
import { creditText } from './credit'
import { MEMBER, STATS } from '../../utils/nav'
import { currentPeriod, pct, periodLabel } from '../../utils/period'
import { fmtDateTime } from '../../utils/time'
import '../shared/index.scss'
import { useFontClass } from '../../utils/fontMode'

type Entry = MyScoreResult['entries'][number]

/** 我的积分: the study score, city and unit rank, attendance, volunteer hours and every entry behind them. */
export default function MyScorePage() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const [period, setPeriod] = useState(() => currentPeriod('year'))
  // The period is this page's filter: another one than this year's may simply have nothing in it.
  const filtered = period !== currentPeriod('year')
  const data = useRemote(() => myScore(period), !!session, period)
  usePullDownRefresh(() => void data.reload().finally(() => Taro.stopPullDownRefresh()))
  if (!session) return null
  const s = data.data
  const entries = s ? [...s.entries].reverse() : []
  const byId = new Map(entries.map((e) => [e.id, e]))

  return (
    <View className={`member-page ${fontClass}`}>
      <PeriodPicker value={period} onChange={setPeriod} />
      <StateView loading={data.loading} error={data.error} empty={!s} emptyText='暂无积分数据' onRetry={() => void data.reload()}>
        {s && (
          <View className={s.period !== period ? 'member-page--stale' : ''} data-testid='my-score' data-period={s.period}>
            <View className='member-card'>
              <Text className='member-card__title'>{periodLabel(s.period)} · 学习积分</Text>
              <Figures
                items={[
                  { label: '学习积分', value: String(s.score), testId: 'score' },
                  { label: '全市排名', value: s.cityRank ? `${s.cityRank}` : '—', hint: s.cityRank ? `共 ${s.boardSize.city} 人` : undefined, testId: 'city-rank' },
                  { label: '本单位排名', value: s.unitRank ? `${s.unitRank}` : '—', hint: s.unitRank ? `共 ${s.boardSize.unit} 人` : undefined },
                ]}
              />
              <AsOf asOf={s.asOf} />
              <Text className='member-card__note'>
                出勤率 {s.youth ? pct(s.attendanceRate) : '—'} · 志愿服务 {s.volunteerHours} 小时
              </Text>
              {!s.youth && <Text className='member-card__note'>学习标兵排行只统计青年党员，您的积分照常记录。</Text>}
            </View>
            <View className='member-links'>
              <Text className='member-links__item' data-testid='to-leaderboard' onClick={() => Taro.navigateTo({ url: STATS.leaderboard })}>
                排行榜 ›
              </Text>
              <Text className='member-links__item' data-testid='to-notice' onClick={() => Taro.navigateTo({ url: MEMBER.notice })}>
                标兵公示 ›
              </Text>
              <Text className='member-links__item' data-testid='to-certificate' onClick={() => Taro.navigateTo({ url: MEMBER.certificate(s.period) })}>
                志愿服务证明 ›
              </Text>
            </View>
            <Text className='member-page__section'>积分明细（{entries.length} 条）</Text>
            {entries.length === 0 &&
              (filtered ? (
                <FilterEmpty hint={`${periodLabel(s.period)}没有积分记录`} onClear={() => setPeriod(currentPeriod('year'))} />
              ) : (
                <Text className='member-page__empty'>本年度还没有积分记录，参加学习、讲座或志愿服务并签到后会记在这里。</Text>
              ))}
            {entries.map((e) => (
              <EntryRow key={e.id} entry={e} reversed={e.reversesId ? byId.get(e.reversesId) : undefined} />
            ))}
          </View>
        )}
      </StateView>
    </View>
  )
}

/** One ledger entry, labelled and coloured as 我的记录 shows the same credit; a correction shows as negative, saying which entry it reverses. */
function EntryRow({ entry: e, reversed }: { entry: Entry; reversed?: Entry }) {
  const correction = e.reversesId !== null
  return (
    <View className={`entry ${correction ? 'entry--reversal' : ''}`} data-testid='score-entry' data-reversal={correction ? '1' : '0'}>
      <View className='entry__head'>
        <KindTag kind={e.kind as ActivityKind} subKind={e.subKind} />
        <Text className={`entry__credit ${correction ? 'entry__credit--minus' : ''}`} data-testid='entry-credit'>
          {creditText(e)}
        </Text>
      </View>
      <Text className='entry__title'>{e.activityTitle}</Text>
      <Text className='entry__meta'>
        {fmtDateTime(e.at)} · {correction ? '组织者更正' : (CREDIT_METHOD_LABEL[e.method as CreditMethod] ?? e.method)}
      </Text>
      {correction && (
        <View className='entry__note'>
          <Badge tone='warning'>更正</Badge>
          <Text className='entry__note-text'>
            {reversed ? `冲销 ${fmtDateTime(reversed.at)} 的记录` : '冲销此前的一条记录'}，积分与时长已扣回
          </Text>
        </View>
      )}
    </View>
  )
}
