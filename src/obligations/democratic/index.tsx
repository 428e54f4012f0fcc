import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { DemocraticMeeting } from '@cloud/contract/model'
import { isAdmin } from '@cloud/domain/roles'
// Style order as on the other pages (they share one CSS chunk): Badge, StateView, then the rest.
import Badge from '../../components/Badge'
import StateView from '../../components/StateView'
import { useRemote } from '../../hooks/useRemote'
import { democraticMeetings } from '../../services/obligationRecords'
import { fmtDateTime } from '../../utils/time'
import UnitPicker from '../../admin/shared/UnitPicker'
import { EvidenceView } from '../records/Evidence'
import { thisYear } from '../records/labels'
import { useRecordScope } from '../records/scope'
import DemocraticForm from './Form'
import '../records/index.scss'
import { useFontClass } from '../../utils/fontMode'
import './index.scss'

const attended = (m: DemocraticMeeting) => !!m.attendeeName

/** 已列席 when some meeting of the year had a 工委 attendee; 待工委列席 when held without; else 未召开. */
function StateBadge({ meetings }: { meetings: DemocraticMeeting[] }) {
  if (meetings.some(attended))
    return (
      <Badge tone='success' testId='dm-state'>
        工委已列席
      </Badge>
    )
  if (meetings.length)
    return (
      <Badge tone='warning' testId='dm-state'>
        待工委列席
      </Badge>
    )
  return <Badge testId='dm-state'>未召开</Badge>
}

/** Units that still owe one first (未召开, then 待工委列席), then those done; by name within each. */
function byState<U extends { id: string; name: string }>(units: U[], of: (id: string) => DemocraticMeeting[]): U[] {
  const rank = (id: string) => (of(id).some(attended) ? 2 : of(id).length ? 1 : 0)
  return [...units].sort((a, b) => rank(a.id) - rank(b.id) || a.name.localeCompare(b.name, 'zh-CN'))
}

/** 民主生活会 of this year: a unit's (its admin), or which units held one and with a 工委 attendee (city admin). */
export default function DemocraticPage() {
  const fontClass = useFontClass()
  const { params } = useRouter()
  const scope = useRecordScope()
  const allowed = !!scope.me && isAdmin(scope.me)
  const year = thisYear()
  // The city admin starts on every unit; a unit admin on their unit.
  const [unitId, setUnitId] = useState<string | null>(params.unit ?? null)
  const chosen = unitId ?? (scope.city ? '' : (scope.unit?.id ?? ''))
  const list = useRemote(() => democraticMeetings(year, chosen || undefined), allowed && (scope.city || !!chosen), `${year}|${chosen}`)
  const [writing, setWriting] = useState(false)

  if (!scope.me) return null
  if (!allowed)
    return (
      <StateView loading={false} error={new Error('民主生活会记录仅对单位管理员和市直机关工委开放')} empty emptyText=''>
        {null}
      </StateView>
    )

  const meetings: DemocraticMeeting[] = list.data ?? []
  const unitName = scope.units.find((u) => u.id === chosen)?.name ?? ''
  const byUnit = (id: string) => meetings.filter((m) => m.unitId === id)

  return (
    <View className={`rec democratic ${fontClass}`}>
      <View className='rec__head'>
        <Text className='rec__title'>{year} 年度民主生活会</Text>
        <Text className='rec__meta'>各单位领导班子每年召开民主生活会，工委派员列席；列席同志和佐证材料随记录存档。</Text>
      </View>
      <UnitPicker
        units={scope.units}
        value={chosen}
        allLabel={scope.city ? '全部单位' : undefined}
        onChange={(id) => {
          setUnitId(id)
          setWriting(false)
        }}
      />
      <StateView
        loading={list.loading || scope.tree.loading}
        error={list.error ?? scope.tree.error}
        empty={!list.data}
        emptyText='暂无记录'
        onRetry={() => void list.reload()}
      >
        {chosen === '' ? (
          <>
            <Text className='rec__section'>
              已召开 {scope.units.filter((u) => byUnit(u.id).length).length} / {scope.units.length} 个单位，工委已列席{' '}
              {scope.units.filter((u) => byUnit(u.id).some(attended)).length} 个
            </Text>
            {byState(scope.units, byUnit).map((u) => (
              <View key={u.id} className='rec__card' data-testid='dm-unit' onClick={() => setUnitId(u.id)}>
                <View className='rec__line'>
                  <Text className='rec__name'>{u.name}</Text>
                  <StateBadge meetings={byUnit(u.id)} />
                </View>
                {byUnit(u.id).map((m) => (
                  <Text key={m.id} className='rec__note'>
                    {fmtDateTime(m.heldAt)} {m.topic}
                    {m.attendeeName ? ` · 列席：${m.attendeeName}` : ''}
                  </Text>
                ))}
              </View>
            ))}
          </>
        ) : (
          <>
            <View className='rec__line democratic__state'>
              <Text className='rec__section'>本年度情况</Text>
              <StateBadge meetings={meetings} />
            </View>
            {writing ? (
              <DemocraticForm
                unitId={chosen}
                unitName={unitName}
                onCancel={() => setWriting(false)}
                onSaved={async () => {
                  setWriting(false)
                  await list.reload()
                }}
              />
            ) : (
              <View className='rec__toolbar'>
                <Button type='primary' block data-testid='dm-new' onClick={() => setWriting(true)}>
                  记录民主生活会
                </Button>
              </View>
            )}
            {meetings.length === 0 && <Text className='rec__note rec__toolbar'>本年度尚未记录民主生活会。</Text>}
            {meetings.map((m) => (
              <View key={m.id} className='rec__card' data-testid='dm-row'>
                <View className='rec__line'>
                  <Text className='rec__name'>{m.topic}</Text>
                  {attended(m) ? <Badge tone='success'>工委已列席</Badge> : <Badge tone='warning'>待工委列席</Badge>}
                </View>
                <Text className='rec__meta'>{fmtDateTime(m.heldAt)}</Text>
                <Text className='rec__text' data-testid='dm-attendee'>
                  {m.attendeeName ? `列席：${m.attendeeName}${m.attendeePost ? `（${m.attendeePost}）` : ''}` : '工委列席：待安排'}
                </Text>
                <EvidenceView ids={m.evidence} />
              </View>
            ))}
          </>
        )}
      </StateView>
    </View>
  )
}
