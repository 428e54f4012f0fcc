import { useState, type ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import type { OrgOfficer, OrgTree } from '@cloud/contract/model'
import { BRANCH_ROLES, ROLE_LABEL, TEXT_LIMITS } from '@cloud/contract/vocabulary'
import { adminUnits, isAdmin, isCityAdmin } from '@cloud/domain/roles'
// Style order as on the other pages (they share one CSS chunk): Badge, StateView, then the rest.
import Badge from '../../components/Badge'
import StateView from '../../components/StateView'
import Dialog from '../../components/Dialog'
import Segmented from '../../components/Segmented'
import { useBusy } from '../../hooks/useBusy'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { orgTree, roster, saveOrg, setBranchRole, type BranchRoleName, type OrgChange } from '../../services/member'
import { toastError } from '../../utils/feedback'
import { useFontClass } from '../../utils/fontMode'
import './index.scss'

type Kind = 'unit' | 'branch' | 'partyGroup' | 'youthGroup'
const KIND_LABEL: Record<Kind, string> = { unit: '单位', branch: '党支部', partyGroup: '党小组', youthGroup: '青年理论学习小组' }

/** One org node as the dialogs need it: what it is, its name, and the nodes it may merge into. */
interface Node {
  kind: Kind
  id: string
  name: string
  count: number
  siblings: { id: string; name: string }[]
  parentId?: string
}

type Pending =
  | { type: 'create'; kind: Kind; parentId?: string; parentName?: string }
  | { type: 'rename'; node: Node }
  | { type: 'merge'; node: Node }
  | { type: 'revoke'; officer: OrgOfficer; branchId: string; unitId: string; branchName: string }

/** 组织架构: units → branches (officers) → 党小组, and youth groups; create, rename, merge, move members, branch roles. */
export default function OrgPage() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const me = session?.member ?? null
  const allowed = !!me && isAdmin(me)
  const tree = useRemote(orgTree, allowed)
  const [tab, setTab] = useState<'tree' | 'people'>('tree')
  const [pending, setPending] = useState<Pending | null>(null)
  const [name, setName] = useState('')
  const [target, setTarget] = useState('')
  const { busy, run } = useBusy()
  if (!me) return null
  if (!allowed)
    return (
      <StateView loading={false} error={new Error('组织架构仅对单位管理员和市直机关工委开放')} empty emptyText=''>
        {null}
      </StateView>
    )
  const city = isCityAdmin(me)
  const mine = new Set(adminUnits(me) ?? [])
  const units = (tree.data?.units ?? []).filter((u) => city || mine.has(u.id))

  function open(p: Pending) {
    setName(p.type === 'rename' ? p.node.name : '')
    setTarget('')
    setPending(p)
  }

  const act = (work: () => Promise<unknown>, done: string) =>
    run(work, done, async () => {
      await tree.reload()
      setPending(null)
    })

  function confirm() {
    if (!pending) return
    if (pending.type === 'revoke') {
      const o = pending.officer
      return void act(() => setBranchRole(o.memberId, o.role as BranchRoleName, pending.branchId, pending.unitId, false), '已撤销')
    }
    if (pending.type === 'merge') {
      if (!target) return toastError(new Error('请选择并入的目标'))
      return void act(() => saveOrg({ op: 'merge', kind: pending.node.kind, fromId: pending.node.id, intoId: target }), '已合并')
    }
    const n = name.trim()
    if (!n) return toastError(new Error('请填写名称'))
    const change: OrgChange =
      pending.type === 'rename'
        ? { op: 'rename', kind: pending.node.kind, id: pending.node.id, name: n }
        : pending.kind === 'youthGroup'
          ? { op: 'create', kind: 'youthGroup', name: n, unitIds: [pending.parentId ?? units[0]?.id ?? ''] }
          : { op: 'create', kind: pending.kind, name: n, ...(pending.parentId ? { parentId: pending.parentId } : {}) }
    void act(() => saveOrg(change), pending.type === 'rename' ? '已改名' : '已新建')
  }

  return (
    <View className={`org ${fontClass}`}>
      <View className='org__bar'>
        <Segmented
          options={[
            { key: 'tree', label: '组织' },
            { key: 'people', label: '人员调整' },
          ]}
          value={tab}
          onChange={setTab}
          testId='org-tab'
        />
      </View>
      <StateView loading={tree.loading} error={tree.error} empty={!tree.data} emptyText='暂无组织' onRetry={() => void tree.reload()}>
        {tree.data && tab === 'tree' && (
          <TreeView data={tree.data} units={units} city={city} onOpen={open} />
        )}
        {tree.data && tab === 'people' && <People units={units} onChanged={() => void tree.reload()} />}
      </StateView>
      {pending && (
        <Dialog
          open
          busy={busy}
          title={dialogTitle(pending)}
          subtitle={dialogSubtitle(pending, target)}
          confirmText={pending.type === 'merge' ? '确认合并' : pending.type === 'revoke' ? '撤销' : '保存'}
          danger={pending.type === 'merge' || pending.type === 'revoke'}
          onCancel={() => setPending(null)}
          onConfirm={confirm}
        >
          {(pending.type === 'create' || pending.type === 'rename') && (
            <Input className='org__input' value={name} maxLength={TEXT_LIMITS.orgName} placeholder='名称' onChange={setName} data-testid='org-name' />
          )}
          {pending.type === 'merge' && (
            <View className='org__chips'>
              {pending.node.siblings.length === 0 && <Text className='org__note'>没有可以并入的同级组织。</Text>}
              {pending.node.siblings.map((s) => (
                <Text key={s.id} className={`org__chip ${target === s.id ? 'org__chip--on' : ''}`} data-testid='merge-target' onClick={() => setTarget(s.id)}>
                  {s.name}
                </Text>
              ))}
            </View>
          )}
        </Dialog>
      )}
    </View>
  )
}

function dialogTitle(p: Pending): string {
  if (p.type === 'create') return `新建${KIND_LABEL[p.kind]}${p.parentName ? `（${p.parentName}）` : ''}`
  if (p.type === 'rename') return `${KIND_LABEL[p.node.kind]}改名：${p.node.name}`
  if (p.type === 'merge') return `合并${KIND_LABEL[p.node.kind]}：${p.node.name}`
  return `撤销 ${p.officer.name} 的${ROLE_LABEL[p.officer.role]}职务`
}

function dialogSubtitle(p: Pending, target: string): string | undefined {
  if (p.type === 'merge') {
    const into = p.node.siblings.find((s) => s.id === target)?.name ?? '所选目标'
    const under = p.node.kind === 'unit' ? '党支部、' : p.node.kind === 'branch' ? '党小组、支部职务、' : ''
    return `请选择并入的目标。合并后，“${p.node.name}”的 ${p.node.count} 名人员、${under}今后的会议都归入“${into}”；“${p.node.name}”不再显示，只保留在历史记录中（以往会议的应到名单不变）。合并不能撤销。`
  }
  if (p.type === 'revoke') return `${p.branchName}：撤销后不再负责本支部的会议和请假审批`
  return undefined
}

function TreeView({ data, units, city, onOpen }: { data: OrgTree; units: OrgTree['units']; city: boolean; onOpen: (p: Pending) => void }) {
  const unitSiblings = units.map((u) => ({ id: u.id, name: u.name }))
  return (
    <>
      {city && (
        <Text className='org__add' data-testid='new-unit' onClick={() => onOpen({ type: 'create', kind: 'unit' })}>
          ＋ 新建单位
        </Text>
      )}
      {units.map((u) => {
        const unitNode: Node = { kind: 'unit', id: u.id, name: u.name, count: u.memberCount, siblings: unitSiblings.filter((s) => s.id !== u.id) }
        const branchSiblings = u.branches.map((b) => ({ id: b.id, name: b.name }))
        return (
          <View key={u.id} className='org__unit' data-testid='org-unit'>
            <View className='org__line'>
              <Text className='org__unit-name'>{u.name}</Text>
              <Badge>{u.memberCount} 人</Badge>
            </View>
            <NodeActions node={unitNode} onOpen={onOpen} canMerge={city} />
            {u.branches.map((b) => {
              const node: Node = { kind: 'branch', id: b.id, name: b.name, count: b.memberCount, siblings: branchSiblings.filter((s) => s.id !== b.id), parentId: u.id }
              const groupSiblings = b.partyGroups.map((g) => ({ id: g.id, name: g.name }))
              return (
                <View key={b.id} className='org__branch' data-testid='org-branch'>
                  <View className='org__line'>
                    <Text className='org__branch-name'>{b.name}</Text>
                    <Badge tone='primary'>{b.memberCount} 人</Badge>
                  </View>
                  <View className='org__officers'>
                    {b.officers.length === 0 && <Text className='org__note'>尚未设置支部书记</Text>}
                    {b.officers.map((o) => (
                      <Text
                        key={`${o.memberId}-${o.role}`}
                        className='org__officer'
                        data-testid='org-officer'
                        onClick={() => onOpen({ type: 'revoke', officer: o, branchId: b.id, unitId: u.id, branchName: b.name })}
                      >
                        {ROLE_LABEL[o.role]}：{o.name} ×
                      </Text>
                    ))}
                  </View>
                  {b.partyGroups.map((g) => (
                    <View key={g.id} className='org__group' data-testid='org-group' data-id={g.id}>
                      <View className='org__line'>
                        <Text className='org__group-name'>{g.name}</Text>
                        <Text className='org__note'>{g.memberCount} 人</Text>
                      </View>
                      <NodeActions
                        node={{ kind: 'partyGroup', id: g.id, name: g.name, count: g.memberCount, siblings: groupSiblings.filter((s) => s.id !== g.id), parentId: b.id }}
                        onOpen={onOpen}
                        canMerge
                      />
                    </View>
                  ))}
                  <NodeActions node={node} onOpen={onOpen} canMerge>
                    <Text className='org__action' data-testid='new-group' onClick={() => onOpen({ type: 'create', kind: 'partyGroup', parentId: b.id, parentName: b.name })}>
                      ＋党小组
                    </Text>
                  </NodeActions>
                </View>
              )
            })}
            <Text className='org__add' data-testid='new-branch' onClick={() => onOpen({ type: 'create', kind: 'branch', parentId: u.id, parentName: u.name })}>
              ＋ 新建党支部
            </Text>
          </View>
        )
      })}
      <Text className='org__section'>青年理论学习小组</Text>
      {data.youthGroups.length === 0 && <Text className='org__note org__pad'>暂无青年理论学习小组。</Text>}
      {data.youthGroups.map((g) => (
        <View key={g.id} className='org__unit'>
          <View className='org__line'>
            <Text className='org__branch-name'>{g.name}</Text>
            <Badge>{g.memberCount} 人</Badge>
          </View>
          <NodeActions
            node={{ kind: 'youthGroup', id: g.id, name: g.name, count: g.memberCount, siblings: data.youthGroups.filter((x) => x.id !== g.id).map((x) => ({ id: x.id, name: x.name })) }}
            onOpen={onOpen}
            canMerge
          />
        </View>
      ))}
      <Text className='org__add' onClick={() => onOpen({ type: 'create', kind: 'youthGroup', parentId: units[0]?.id })}>
        ＋ 新建青年理论学习小组
      </Text>
    </>
  )
}

function NodeActions({ node, onOpen, canMerge, children }: { node: Node; onOpen: (p: Pending) => void; canMerge: boolean; children?: ReactNode }) {
  return (
    <View className='org__actions'>
      {children}
      <Text className='org__action' data-testid='rename' onClick={() => onOpen({ type: 'rename', node })}>
        改名
      </Text>
      {canMerge && node.siblings.length > 0 && (
        <Text className='org__action' data-testid='merge' onClick={() => onOpen({ type: 'merge', node })}>
          合并到…
        </Text>
      )}
    </View>
  )
}

/** Where a member sits in their unit, as the people list says it: 党支部 and 党小组. */
function placeOf(unit: OrgTree['units'][number] | undefined, m: { branchId: string | null; partyGroupId: string | null }): string {
  const branch = unit?.branches.find((b) => b.id === m.branchId)
  if (!branch) return '未编入党支部'
  const group = branch.partyGroups.find((g) => g.id === m.partyGroupId)
  return group ? `${branch.name} · ${group.name}` : branch.name
}

/** 人员调整: find people of a unit, select them, move them to a branch / 党小组, set 正式/预备, grant branch roles. */
function People({ units, onChanged }: { units: OrgTree['units']; onChanged: () => void }) {
  const [unitId, setUnitId] = useState(units[0]?.id ?? '')
  const [text, setText] = useState('')
  const [query, setQuery] = useState('')
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [branchId, setBranchId] = useState('')
  const [groupId, setGroupId] = useState('')
  const { busy, run } = useBusy()
  const list = useRemote(() => roster(unitId, query || undefined), !!unitId, `${unitId}|${query}`)
  const unit = units.find((u) => u.id === unitId)
  const branch = unit?.branches.find((b) => b.id === branchId)
  const ids = [...selected]

  const act = (work: () => Promise<unknown>, done: string) =>
    run(work, done, async () => {
      await list.reload()
      onChanged()
    })

  const toggle = (id: string) => {
    const next = new Set(selected)
    if (next.has(id)) next.delete(id)
    else next.add(id)
    setSelected(next)
  }

  return (
    <View className='org__people'>
      <View className='org__chips org__pad'>
        {units.map((u) => (
          <Text key={u.id} className={`org__chip ${u.id === unitId ? 'org__chip--on' : ''}`} data-testid='people-unit' onClick={() => (setUnitId(u.id), setSelected(new Set()), setBranchId(''))}>
            {u.name}
          </Text>
        ))}
      </View>
      <View className='org__search'>
        <Input className='org__input' value={text} placeholder='姓名或党员编号' onChange={setText} data-testid='org-search' />
        <Button size='small' data-testid='org-find' onClick={() => setQuery(text.trim())}>
          查找
        </Button>
      </View>
      <StateView loading={list.loading} error={list.error} empty={(list.data?.members.length ?? 0) === 0} emptyText='没有找到人员' onRetry={() => void list.reload()}>
        <View className='org__unit'>
          {(list.data?.members ?? []).slice(0, 100).map((m) => (
            <View key={m.id} className={`org__person ${selected.has(m.id) ? 'org__person--on' : ''}`} data-testid='org-person' onClick={() => toggle(m.id)}>
              <Text className='org__check'>{selected.has(m.id) ? '☑' : '☐'}</Text>
              <Text className='org__person-name'>{m.name}</Text>
              <Text className='org__note org__person-place'>
                {m.memberNo} · {placeOf(unit, m)}
                {m.partyStatus === 'probationary' ? ' · 预备党员' : ''}
              </Text>
            </View>
          ))}
        </View>
      </StateView>
      <View className='org__unit org__panel'>
        <Text className='org__branch-name'>已选 {ids.length} 人 · 调整到</Text>
        <View className='org__chips'>
          {(unit?.branches ?? []).map((b) => (
            <Text key={b.id} className={`org__chip ${b.id === branchId ? 'org__chip--on' : ''}`} data-testid='move-branch' onClick={() => (setBranchId(b.id), setGroupId(''))}>
              {b.name}
            </Text>
          ))}
        </View>
        {branch && branch.partyGroups.length > 0 && (
          <View className='org__chips'>
            <Text className={`org__chip ${groupId === '' ? 'org__chip--on' : ''}`} data-testid='move-group' onClick={() => setGroupId('')}>
              不分党小组
            </Text>
            {branch.partyGroups.map((g) => (
              <Text key={g.id} className={`org__chip ${g.id === groupId ? 'org__chip--on' : ''}`} data-testid='move-group' onClick={() => setGroupId(g.id)}>
                {g.name}
              </Text>
            ))}
          </View>
        )}
        <Button
          type='primary'
          block
          disabled={busy || ids.length === 0 || !branchId}
          data-testid='org-move'
          onClick={() => void act(() => saveOrg({ op: 'move', memberIds: ids, to: { unitId, branchId, partyGroupId: groupId || null } }), `已调整 ${ids.length} 人`)}
        >
          调整到所选支部
        </Button>
        <View className='org__row'>
          <Button block disabled={busy || ids.length === 0} data-testid='set-full' onClick={() => void act(() => saveOrg({ op: 'setPartyStatus', memberIds: ids, partyStatus: 'full' }), '已设为正式党员')}>
            设为正式党员
          </Button>
          <Button block disabled={busy || ids.length === 0} data-testid='set-probationary' onClick={() => void act(() => saveOrg({ op: 'setPartyStatus', memberIds: ids, partyStatus: 'probationary' }), '已设为预备党员')}>
            设为预备党员
          </Button>
        </View>
        <Text className='org__note'>支部职务（选 1 人和所在支部）：</Text>
        <View className='org__chips'>
          {BRANCH_ROLES.map((r) => (
            <Button
              key={r}
              size='small'
              disabled={busy || ids.length !== 1 || !branchId}
              data-testid={`grant-${r}`}
              onClick={() => void act(() => setBranchRole(ids[0], r, branchId, unitId, true), `已设为${ROLE_LABEL[r]}`)}
            >
              设为{ROLE_LABEL[r]}
            </Button>
          ))}
        </View>
      </View>
    </View>
  )
}
