import { useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Button, Input } from '@nutui/nutui-react-taro'
import { LIST_MAX } from '@cloud/contract/limits'
import { TEXT_LIMITS } from '@cloud/contract/vocabulary'
import StateView from '../../components/StateView'
import FilterEmpty from '../../components/FilterEmpty'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { auditLog, type AuditFilter } from '../../services/member'
import { fmtDate, fromShanghai } from '../../utils/time'
import { isAdmin } from '@cloud/domain/roles'
import { useAdminScope } from '../shared/scope'
import UnitPicker from '../shared/UnitPicker'
import AuditRow from './AuditRow'
import { nextDate } from './describe'
import { useFontClass } from '../../utils/fontMode'
import './index.scss'

/** The server answers the newest entries of a filter, this many at most. */
const LIMIT = LIST_MAX.audit
/** Draw a long log a page at a time. */
const PAGE = 50

/** Who the log is narrowed to: one person tapped in a row (by id), or a name typed in (the server resolves it). */
type Actor = { id: string; name: string } | { search: string }

/** 操作记录: who published, reviewed, imported or changed what, filtered by unit, dates and person. */
export default function AuditPage() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const me = session?.member ?? null
  const allowed = !!me && isAdmin(me)
  const scope = useAdminScope(allowed ? me : null)
  const [unitId, setUnitId] = useState('')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [actorText, setActorText] = useState('')
  const [actor, setActor] = useState<Actor | null>(null)
  const [shown, setShown] = useState(PAGE)
  const badRange = !!from && !!to && from > to
  const filter: AuditFilter = {
    ...(unitId ? { unitId } : {}),
    ...(actor ? ('id' in actor ? { actorId: actor.id } : { actorName: actor.search }) : {}),
    // Dates are Shanghai days; the end date counts in full.
    ...(from ? { from: fromShanghai(from, '00:00') } : {}),
    ...(to ? { to: fromShanghai(nextDate(to), '00:00') } : {}),
  }
  const log = useRemote(() => auditLog(filter), allowed && !badRange, JSON.stringify(filter))
  usePullDownRefresh(() => {
    void log.reload().finally(() => Taro.stopPullDownRefresh())
  })

  if (!me) return null
  if (!allowed)
    return (
      <StateView loading={false} error={new Error('操作记录仅对单位管理员和市直机关工委开放')} empty emptyText=''>
        {null}
      </StateView>
    )

  const entries = log.data?.entries ?? []
  const matched = log.data?.actors
  const today = fmtDate(new Date())
  const filtered = !!unitId || !!from || !!to || !!actor
  const pickActor = (a: Actor | null) => {
    setActor(a)
    setActorText(a ? ('id' in a ? a.name : a.search) : '')
    setShown(PAGE)
  }
  const searchActor = () => pickActor(actorText.trim() ? { search: actorText.trim() } : null)
  const clearFilter = () => {
    setUnitId('')
    setFrom('')
    setTo('')
    pickActor(null)
  }

  return (
    <View className={`audit ${fontClass}`}>
      <UnitPicker units={scope.units} value={unitId} allLabel={scope.units.length > 1 ? '全部单位' : undefined} onChange={setUnitId} />
      <View className='audit__filters'>
        <View className='audit__dates'>
          <Picker mode='date' value={from || today} end={today} onChange={(e) => setFrom(String(e.detail.value))}>
            <Text className={`audit__date ${from ? 'audit__date--on' : ''}`} data-testid='from-date'>
              {from || '开始日期'}
            </Text>
          </Picker>
          <Text className='audit__dash'>至</Text>
          <Picker mode='date' value={to || today} end={today} onChange={(e) => setTo(String(e.detail.value))}>
            <Text className={`audit__date ${to ? 'audit__date--on' : ''}`} data-testid='to-date'>
              {to || '结束日期'}
            </Text>
          </Picker>
          {(from || to) && (
            <Text
              className='audit__clear'
              onClick={() => {
                setFrom('')
                setTo('')
              }}
            >
              清除
            </Text>
          )}
        </View>
        <View className='audit__actor'>
          <Input
            className='audit__input'
            placeholder='操作人姓名（也可点记录中的姓名）'
            value={actorText}
            maxLength={TEXT_LIMITS.query}
            clearable
            onChange={setActorText}
            onClear={() => pickActor(null)}
            onConfirm={searchActor}
            data-testid='actor-input'
          />
          <Button size='small' type='primary' data-testid='actor-search' onClick={searchActor}>
            搜索
          </Button>
        </View>
        {actor && (
          <Text className='audit__chip' data-testid='actor-chip' onClick={() => pickActor(null)}>
            {actorChip(actor, matched)} ✕
          </Text>
        )}
      </View>
      <Text className='audit__count' data-testid='audit-count'>
        {badRange
          ? '开始日期不能晚于结束日期'
          : log.loading && !log.data
            ? '正在查询…'
            : `共 ${entries.length} 条${entries.length >= LIMIT ? `（仅显示最近 ${LIMIT} 条，可缩小日期范围）` : ''}`}
      </Text>
      {filtered && !badRange && entries.length === 0 && log.data && !log.loading && !log.error ? (
        <FilterEmpty hint={emptyHint(actor, matched)} onClear={clearFilter} />
      ) : (
        <StateView
          loading={log.loading}
          error={log.error}
          empty={badRange || entries.length === 0}
          emptyText={badRange ? '请调整日期范围' : '还没有操作记录'}
          emptyHint={badRange ? undefined : '发布活动、审核补签、导入花名册等操作都会记录在这里'}
          onRetry={() => void log.reload()}
        >
          {entries.slice(0, shown).map((e) => (
            <AuditRow key={e.seq} entry={e} onActor={(a) => pickActor(a)} />
          ))}
          {entries.length > shown && (
            <Text className='audit__more' onClick={() => setShown(shown + PAGE)}>
              还有 {entries.length - shown} 条，点击显示更多
            </Text>
          )}
        </StateView>
      )}
    </View>
  )
}

/** Whose actions are shown: the person tapped, or whom a typed name matched. */
function actorChip(actor: Actor, matched: { name: string }[] | undefined): string {
  if ('id' in actor) return `只看 ${actor.name} 的操作`
  if (!matched) return `操作人：${actor.search}`
  if (matched.length === 0) return `没有姓名含“${actor.search}”的操作人`
  return `操作人：${matched.map((a) => a.name).join('、')}`
}

function emptyHint(actor: Actor | null, matched: { name: string }[] | undefined): string {
  if (actor && !('id' in actor) && matched?.length === 0) return `所选单位的操作记录中没有姓名含“${actor.search}”的操作人`
  return '当前单位、日期或操作人下没有操作记录'
}
