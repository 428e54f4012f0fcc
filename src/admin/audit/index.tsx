import { useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Button, Input } from '@nutui/nutui-react-taro'
import { LIST_MAX } from '@cloud/contract/limits'
import { TEXT_LIMITS } from '@cloud/contract/vocabulary'
import StateView from '../../components/StateView'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { auditLog, type AuditFilter } from '../../services/member'
import { fmtDate, fromShanghai } from '../../utils/time'
import { isAdmin } from '@cloud/domain/roles'
import { useAdminScope } from '../shared/scope'
import UnitPicker from '../shared/UnitPicker'
import AuditRow from './AuditRow'
import { nextDate } from './describe'
import './index.scss'

/** The server answers the newest entries of a filter, this many at most. */
const LIMIT = LIST_MAX.audit
/** Draw a long log a page at a time. */
const PAGE = 50

interface Actor {
  id: string
  name: string | null
}

/** 操作记录: who published, reviewed, imported or changed what, filtered by unit, dates and person. */
export default function AuditPage() {
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
    ...(actor ? { actorId: actor.id } : {}),
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
  const today = fmtDate(new Date())
  const pickActor = (a: Actor | null) => {
    setActor(a)
    setActorText(a?.id ?? '')
    setShown(PAGE)
  }

  return (
    <View className='audit'>
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
            placeholder='操作人 ID（点记录中的姓名可快速筛选）'
            value={actorText}
            maxLength={TEXT_LIMITS.id}
            clearable
            onChange={setActorText}
            onClear={() => pickActor(null)}
            onConfirm={() => pickActor(actorText.trim() ? { id: actorText.trim(), name: null } : null)}
            data-testid='actor-input'
          />
          <Button size='small' type='primary' onClick={() => pickActor(actorText.trim() ? { id: actorText.trim(), name: null } : null)}>
            筛选
          </Button>
        </View>
        {actor && (
          <Text className='audit__chip' onClick={() => pickActor(null)}>
            只看 {actor.name ?? actor.id} 的操作 ✕
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
      <StateView
        loading={log.loading}
        error={log.error}
        empty={badRange || entries.length === 0}
        emptyText='没有符合条件的操作记录'
        emptyHint='发布活动、审核补签、导入花名册等操作都会记录在这里'
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
    </View>
  )
}
