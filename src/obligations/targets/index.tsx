import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Switch } from '@nutui/nutui-react-taro'
import type { Target } from '@cloud/contract/model'
import { RHYTHM_LABEL, TARGET_KIND_LABEL } from '@cloud/contract/vocabulary'
// Style order as on the other pages (they share one CSS chunk): Badge, StateView, then the rest.
import Badge from '../../components/Badge'
import StateView from '../../components/StateView'
import { useRemote } from '../../hooks/useRemote'
import { setTarget, targets } from '../../services/obligationRecords'
import { toastError, toastOk } from '../../utils/feedback'
import { fmtDate } from '../../utils/time'
import { useRecordScope } from '../records/scope'
import { messageOf } from '../records/labels'
import { RECORDS } from '../records/nav'
import { draftOf, inputOf, newDraft, switched, type Draft } from './draft'
import TargetForm from './Form'
import '../records/index.scss'
import { useFontClass } from '../../utils/fontMode'
import './index.scss'

/** City admin: the plan's targets and the city's own, switched on or off; a form to add or change one. */
export default function TargetsPage() {
  const fontClass = useFontClass()
  const scope = useRecordScope()
  const admin = scope.city
  const list = useRemote(targets, admin)
  const [draft, setDraft] = useState<Draft | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const today = fmtDate(new Date())

  if (!scope.me) return null
  if (!admin)
    return (
      <StateView loading={false} error={new Error('目标设置仅限市直机关工委管理员')} empty emptyText=''>
        {null}
      </StateView>
    )

  const units = scope.units.map((u) => ({ id: u.id, name: u.name }))
  const all: Target[] = list.data ?? []

  function edit(d: Draft) {
    setError(null)
    setDraft(d)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
  }

  async function save() {
    if (!draft) return
    const { input, problem } = inputOf(draft)
    if (problem || !input) return setError(problem ?? '请检查表单')
    setBusy(true)
    setError(null)
    try {
      await setTarget(input)
      await list.reload()
      setDraft(null)
      toastOk('已保存')
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  async function flip(t: Target) {
    try {
      await setTarget(switched(t))
      await list.reload()
      toastOk(t.active ? '已停用' : '已启用')
    } catch (e) {
      toastError(e)
    }
  }

  return (
    <View className={`rec targets ${fontClass}`}>
      <View className='rec__head'>
        <Text className='rec__title'>目标设置</Text>
        <Text className='rec__meta'>规划目标可调整和停用；可按已有类型新增专项目标（如某次专题轮训），单独设周期、截止日期和适用单位。</Text>
      </View>
      {draft ? (
        <>
          <Text className='rec__section'>{draft.id ? '修改目标' : '新增目标'}</Text>
          <TargetForm
            draft={draft}
            onChange={(d) => {
              setDraft(d)
              setError(null)
            }}
            units={units}
            today={today}
            error={error}
            busy={busy}
            onSave={() => void save()}
            onCancel={() => setDraft(null)}
          />
        </>
      ) : (
        <View className='rec__toolbar'>
          <Button type='primary' block data-testid='target-add' onClick={() => edit(newDraft('training'))}>
            新增目标
          </Button>
        </View>
      )}
      <Text className='rec__section'>全部目标</Text>
      <StateView loading={list.loading} error={list.error} empty={all.length === 0} emptyText='还没有目标' onRetry={() => void list.reload()}>
        {all.map((t) => (
          <View key={t.id} className={`rec__card targets__row ${t.active ? '' : 'targets__row--off'}`} data-testid='target-row' data-target-id={t.id}>
            <View className='rec__line'>
              <Text className='rec__name'>{t.name}</Text>
              <View className='rec__tags'>
                {t.builtIn && <Badge tone='primary'>规划目标</Badge>}
                {!t.active && <Badge>已停用</Badge>}
              </View>
            </View>
            <Text className='rec__meta' data-testid='target-meta'>
              {TARGET_KIND_LABEL[t.kind]} · {RHYTHM_LABEL[t.rhythm]} · {t.deadline ? `截止 ${t.deadline}` : '每期期末截止'} ·{' '}
              {t.unitIds ? `${t.unitIds.length} 个单位` : '全部单位'}
            </Text>
            {t.description && <Text className='rec__note'>{t.description}</Text>}
            <View className='rec__line'>
              <View className='targets__switch'>
                <Switch checked={t.active} onChange={() => void flip(t)} data-testid='target-active' />
                <Text className='rec__note'>{t.active ? '启用中' : '已停用'}</Text>
              </View>
              <Button size='small' data-testid='target-edit' onClick={() => edit(draftOf(t))}>
                修改
              </Button>
            </View>
          </View>
        ))}
      </StateView>
      <Text className='rec__link' onClick={() => void Taro.navigateTo({ url: RECORDS.standard })}>
        标准党支部考评标准 ›
      </Text>
    </View>
  )
}
