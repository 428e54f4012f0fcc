import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input, Switch } from '@nutui/nutui-react-taro'
import { LIST_MAX } from '@cloud/contract/limits'
import { TEXT_LIMITS } from '@cloud/contract/vocabulary'
// Style order as on the other pages (they share one CSS chunk): Badge (used by MemberRow) before StateView and NutUI.
import '../../components/Badge'
import StateView from '../../components/StateView'
import FilterEmpty from '../../components/FilterEmpty'
import Dialog from '../../components/Dialog'
import Tabs from '../../components/Tabs'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { resetAccess, roster, setOrganizer, type RosterMember } from '../../services/member'
import { toastError, toastOk } from '../../utils/feedback'
import { ADMIN } from '../../utils/nav'
import { isAdmin } from '@cloud/domain/roles'
import { mayResetIn, useAdminScope } from '../shared/scope'
import UnitPicker from '../shared/UnitPicker'
import MemberRow from './MemberRow'
import NewCode from './NewCode'
import { useFontClass } from '../../utils/fontMode'
import './index.scss'

/** A unit can have a few hundred people: draw them a page at a time. */
const PAGE = 50
/** The server answers at most this many people per query. */
const SERVER_LIMIT = LIST_MAX.roster

/** 未登录 / 已登录: signed in with the code (local world) or bound WeChat with it (WeChat world). */
type Tab = 'all' | 'notSignedIn' | 'signedIn'
type Pending = { type: 'role'; member: RosterMember; grant: boolean } | { type: 'reset'; member: RosterMember }

const inTab = (m: RosterMember, tab: Tab): boolean => tab === 'all' || (m.active && (tab === 'signedIn') === m.signedIn)
const TAB_LABEL: Record<Tab, string> = { all: '全部', notSignedIn: '未登录', signedIn: '已登录' }

/** 花名册与登录码: find people, make organizers, reset a lost sign-in, print codes for those not yet signed in. */
export default function RosterPage() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const { params } = useRouter()
  const me = session?.member ?? null
  const allowed = !!me && isAdmin(me)
  const scope = useAdminScope(allowed ? me : null)
  const [picked, setPicked] = useState('')
  const [text, setText] = useState('')
  const [query, setQuery] = useState('')
  const [withLeft, setWithLeft] = useState(false)
  const [tab, setTab] = useState<Tab>('all')
  const [shown, setShown] = useState(PAGE)
  const [pending, setPending] = useState<Pending | null>(null)
  const [busy, setBusy] = useState(false)
  const [issued, setIssued] = useState<{ name: string; bindCode: string } | null>(null)
  const unitId = picked || params.unit || scope.units[0]?.id || ''
  const list = useRemote(() => roster(unitId, query || undefined, withLeft), allowed && !!unitId, `${unitId}|${query}|${withLeft}`)

  if (!me) return null
  if (!allowed || (!scope.loading && !scope.error && scope.units.length === 0))
    return (
      <StateView loading={false} error={new Error('花名册仅对单位管理员和市直机关工委开放')} empty emptyText=''>
        {null}
      </StateView>
    )
  if (!unitId)
    return (
      <StateView loading={scope.loading} error={scope.error} empty emptyText='没有可管理的单位' onRetry={() => void scope.reload()}>
        {null}
      </StateView>
    )

  const members = list.data?.members ?? []
  const notSignedIn = members.filter((m) => m.active && !m.signedIn).length
  // Codes of peers and superiors are not shown, so they are not printed either.
  const printable = members.filter((m) => m.active && !m.signedIn && m.bindCode).length
  const rows = members.filter((m) => inTab(m, tab))
  const unitName = scope.units.find((u) => u.id === unitId)?.name ?? ''
  // Empty because of the search or the tab, not because the unit has no one.
  const filteredEmpty = rows.length === 0 && (!!query || (tab !== 'all' && members.length > 0))
  const filterHint = [query ? `没有找到“${query}”，可按姓名或党员编号的一部分查找` : null, tab !== 'all' ? `“${TAB_LABEL[tab]}”中没有人员` : null].filter(Boolean).join('；')

  function search(q: string) {
    setQuery(q.trim())
    setShown(PAGE)
  }

  function clearFilter() {
    setText('')
    setTab('all')
    search('')
  }

  async function confirm() {
    if (!pending) return
    setBusy(true)
    try {
      if (pending.type === 'role') {
        await setOrganizer(pending.member.id, unitId, pending.grant)
        await list.reload()
        setPending(null)
        toastOk(pending.grant ? '已设为组织者' : '已取消组织者')
      } else {
        const { bindCode } = await resetAccess(pending.member.id)
        await list.reload()
        setPending(null)
        setIssued({ name: pending.member.name, bindCode })
      }
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className={`roster ${fontClass}`}>
      <UnitPicker
        units={scope.units}
        value={unitId}
        onChange={(id) => {
          setPicked(id)
          setShown(PAGE)
        }}
      />
      <View className='roster__search'>
        <Input
          className='roster__input'
          placeholder='姓名或党员编号'
          value={text}
          maxLength={TEXT_LIMITS.query}
          clearable
          onChange={setText}
          onClear={() => search('')}
          onConfirm={() => search(text)}
          data-testid='roster-search'
        />
        <Button size='small' type='primary' data-testid='roster-search-go' onClick={() => search(text)}>
          搜索
        </Button>
      </View>
      <View className='roster__bar'>
        <View className='roster__switch'>
          <Text className='roster__switch-label'>含已离开人员</Text>
          <Switch checked={withLeft} onChange={setWithLeft} />
        </View>
        <Button size='small' disabled={printable === 0} data-testid='to-print' onClick={() => Taro.navigateTo({ url: ADMIN.print(unitId) })}>
          打印登录码{printable ? `（${printable}）` : ''}
        </Button>
      </View>
      <Tabs
        items={[
          { key: 'all', label: query ? '搜索结果' : TAB_LABEL.all, count: members.length },
          { key: 'notSignedIn', label: TAB_LABEL.notSignedIn, count: notSignedIn },
          { key: 'signedIn', label: TAB_LABEL.signedIn, count: members.filter((m) => m.active && m.signedIn).length },
        ]}
        value={tab}
        onChange={(t) => {
          setTab(t)
          setShown(PAGE)
        }}
      />
      {filteredEmpty && !list.loading && !list.error ? (
        <FilterEmpty hint={filterHint} onClear={clearFilter} />
      ) : (
        <StateView
          loading={list.loading}
          error={list.error}
          empty={rows.length === 0}
          emptyText='花名册中还没有人员'
          emptyHint='可在“花名册导入”中上传花名册'
          onRetry={() => void list.reload()}
        >
          <View className='roster__list'>
            {members.length >= SERVER_LIMIT && <Text className='roster__note'>人数较多，仅显示前 {SERVER_LIMIT} 人；请用姓名或党员编号搜索。</Text>}
            {rows.slice(0, shown).map((m) => (
              <MemberRow
                key={m.id}
                member={m}
                unitId={unitId}
                mayReset={mayResetIn(me, unitId)}
                onRole={(grant) => setPending({ type: 'role', member: m, grant })}
                onReset={() => setPending({ type: 'reset', member: m })}
              />
            ))}
            {rows.length > shown && (
              <Text className='roster__more' onClick={() => setShown(shown + PAGE)}>
                还有 {rows.length - shown} 人，点击显示更多
              </Text>
            )}
          </View>
        </StateView>
      )}
      {pending && (
        <Dialog
          open
          busy={busy}
          title={dialogTitle(pending)}
          subtitle={dialogSubtitle(pending, unitName)}
          confirmText={pending.type === 'reset' ? '重置' : pending.grant ? '设为组织者' : '取消组织者'}
          danger={pending.type === 'reset' || !pending.grant}
          onCancel={() => setPending(null)}
          onConfirm={() => void confirm()}
        />
      )}
      {issued && <NewCode name={issued.name} bindCode={issued.bindCode} onClose={() => setIssued(null)} />}
    </View>
  )
}

function dialogTitle(p: Pending): string {
  if (p.type === 'reset') return `重置 ${p.member.name} 的登录`
  return p.grant ? `设 ${p.member.name} 为活动组织者` : `取消 ${p.member.name} 的组织者角色`
}

function dialogSubtitle(p: Pending, unitName: string): string {
  if (p.type === 'reset') return '将生成新的登录码，原登录码立即失效；已绑定的微信会解除绑定，所有设备退出登录。适用于换手机、换微信或登录码外泄。'
  return p.grant
    ? `可为${unitName || '本单位'}发布活动、展示签到码、查看签到名单和审核补签。`
    : '不能再发布活动和展示签到码，已发布的活动和签到记录保留。'
}

