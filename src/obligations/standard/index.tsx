import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { BranchScore, Checklist } from '@cloud/contract/model'
import { BRANCH_GRADE_LABEL } from '@cloud/contract/vocabulary'
import { isAdmin } from '@cloud/domain/roles'
// Style order as on the other pages (they share one CSS chunk): Badge, StateView, then the rest.
import Badge from '../../components/Badge'
import StateView from '../../components/StateView'
import Segmented from '../../components/Segmented'
import { useRemote } from '../../hooks/useRemote'
import { branchScores, checklist } from '../../services/obligationRecords'
import { fmtDateTime } from '../../utils/time'
import UnitPicker from '../../admin/shared/UnitPicker'
import { GRADE_TONE, thisYear } from '../records/labels'
import { useRecordScope } from '../records/scope'
import ChecklistEditor from './ChecklistEditor'
import ScoreForm from './ScoreForm'
import '../records/index.scss'
import { useFontClass } from '../../utils/fontMode'
import './index.scss'

type Tab = 'branches' | 'checklist'

/** 标准党支部: each branch of a unit scored on the city's checklist this year; the city admin also edits the checklist. */
export default function StandardPage() {
  const fontClass = useFontClass()
  const scope = useRecordScope()
  const allowed = !!scope.me && isAdmin(scope.me)
  const year = thisYear()
  const [tab, setTab] = useState<Tab>('branches')
  const [scoring, setScoring] = useState<string | null>(null)
  const list = useRemote(checklist, allowed)
  const unit = scope.unit
  const scores = useRemote(() => branchScores(year, unit?.id), allowed && !!unit, `${year}|${unit?.id ?? ''}`)

  if (!scope.me) return null
  if (!allowed)
    return (
      <StateView loading={false} error={new Error('标准党支部评定仅对单位管理员和市直机关工委开放')} empty emptyText=''>
        {null}
      </StateView>
    )

  const c: Checklist | null = list.data
  const saved: BranchScore[] = scores.data ?? []
  const branch = unit?.branches.find((b) => b.id === scoring) ?? null
  const scoreOf = (id: string) => saved.find((s) => s.branchId === id) ?? null

  return (
    <View className={`rec standard ${fontClass}`}>
      <View className='rec__head'>
        <Text className='rec__title'>{year} 年度标准党支部评定</Text>
        <Text className='rec__meta'>按市直机关工委考评标准逐项打分，按得分评定 标准 / 样板 / 示范 党支部。</Text>
      </View>
      {scope.city && (
        <View className='rec__toolbar'>
          <Segmented
            options={[
              { key: 'branches', label: '支部评定' },
              { key: 'checklist', label: '考评标准' },
            ]}
            value={tab}
            onChange={setTab}
            testId='standard-tab'
          />
        </View>
      )}
      <StateView loading={list.loading} error={list.error} empty={!c} emptyText='暂无考评标准' onRetry={() => void list.reload()}>
        {c && tab === 'checklist' && <ChecklistEditor key={c.updatedAt ?? 'default'} checklist={c} onSaved={list.reload} />}
        {c && tab === 'branches' && (
          <>
            {!branch && (
              <UnitPicker
                units={scope.units}
                value={unit?.id ?? ''}
                onChange={(id) => {
                  scope.pick(id)
                  setScoring(null)
                }}
              />
            )}
            {branch && unit ? (
              <ScoreForm
                branch={{ id: branch.id, name: branch.name, unitId: unit.id }}
                year={year}
                checklist={c}
                current={scoreOf(branch.id)}
                onCancel={() => setScoring(null)}
                onSaved={async () => {
                  setScoring(null)
                  await scores.reload()
                }}
              />
            ) : (
              <StateView
                loading={scores.loading || scope.tree.loading}
                error={scores.error ?? scope.tree.error}
                empty={!unit || unit.branches.length === 0}
                emptyText='该单位还没有党支部'
                onRetry={() => void scores.reload()}
              >
                <Text className='rec__section'>
                  党支部 {unit?.branches.length ?? 0} 个，已评定 {saved.length} 个，样板及以上{' '}
                  {saved.filter((s) => s.grade === 'model' || s.grade === 'exemplary').length} 个
                </Text>
                {unit?.branches.map((b) => {
                  const s = scoreOf(b.id)
                  return (
                    <View key={b.id} className='rec__card' data-testid='branch-row' data-branch-id={b.id}>
                      <View className='rec__line'>
                        <Text className='rec__name'>{b.name}</Text>
                        {s ? (
                          <Badge tone={GRADE_TONE[s.grade]} testId='branch-grade'>
                            {BRANCH_GRADE_LABEL[s.grade]}
                          </Badge>
                        ) : (
                          <Badge testId='branch-grade'>未评定</Badge>
                        )}
                      </View>
                      <View className='rec__line'>
                        <Text className='rec__note'>{s ? `${s.total} / ${s.maxTotal} 分 · ${fmtDateTime(s.scoredAt)} 评定` : `${b.memberCount} 名党员`}</Text>
                        <Button size='small' type={s ? 'default' : 'primary'} data-testid='branch-score' onClick={() => (setScoring(b.id), void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }))}>
                          {s ? '重新评分' : '评分'}
                        </Button>
                      </View>
                    </View>
                  )
                })}
              </StateView>
            )}
          </>
        )}
      </StateView>
    </View>
  )
}
