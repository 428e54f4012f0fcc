import { useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import {
  BRANCH_GRADE_LABEL,
  CADRE_RANK_LABEL,
  CADRE_RANKS,
  DUTY_LEVEL_LABEL,
  DUTY_LEVELS,
  MEETING_TYPE_LABEL,
  MEETING_TYPES,
  RHYTHM_LABEL,
  RHYTHMS,
  TARGET_KIND_LABEL,
  TARGET_KINDS,
  TEXT_LIMITS,
} from '@cloud/contract/vocabulary'
import LiteInput from '../../components/LiteInput'
import Chips, { toggled } from '../records/Chips'
import { AIM_GRADES, newDraft, type Draft } from './draft'

interface Props {
  draft: Draft
  onChange: (d: Draft) => void
  units: { id: string; name: string }[]
  today: string
  /** The server's refusal (or the form's own check), shown above 保存. */
  error: string | null
  busy: boolean
  onSave: () => void
  onCancel: () => void
}

/** Add a target of an existing kind, or change one: name, rhythm, deadline, units and the kind's own params. */
export default function TargetForm({ draft: d, onChange, units, today, error, busy, onSave, onCancel }: Props) {
  const set = (patch: Partial<Draft>) => onChange({ ...d, ...patch })
  const [filter, setFilter] = useState('')
  const shown = units.filter((u) => !filter.trim() || u.name.includes(filter.trim()))
  return (
    <View className='rec__card' data-testid='target-form'>
      <Text className='rec__label'>目标类型</Text>
      {d.id ? (
        <Text className='rec__text' data-testid='target-kind'>
          {TARGET_KIND_LABEL[d.kind]}（已有目标不能改类型）
        </Text>
      ) : (
        <Chips
          options={TARGET_KINDS}
          label={(k) => TARGET_KIND_LABEL[k]}
          chosen={[d.kind]}
          onTap={(kind) => onChange({ ...newDraft(kind), name: d.name, description: d.description })}
          testId='target-kind'
        />
      )}
      <Text className='rec__label'>目标名称</Text>
      <Input
        className='rec__field'
        value={d.name}
        maxLength={TEXT_LIMITS.targetName}
        placeholder='如：2026 年处级干部专题轮训'
        onChange={(name) => set({ name })}
        data-testid='target-name'
      />
      <Text className='rec__label'>说明（选填：文件依据或要求原文）</Text>
      <TextArea
        className='rec__area'
        value={d.description}
        maxLength={TEXT_LIMITS.targetDescription}
        rows={2}
        placeholder='如：依据《2026 年度干部教育培训计划》'
        onChange={(description) => set({ description })}
        data-testid='target-description'
      />
      <Text className='rec__label'>周期</Text>
      <Chips options={RHYTHMS} label={(r) => RHYTHM_LABEL[r]} chosen={[d.rhythm]} onTap={(rhythm) => set({ rhythm })} testId='target-rhythm' />
      <Text className='rec__label'>截止日期</Text>
      <View className='rec__pair'>
        <Picker mode='date' value={d.deadline ?? `${today.slice(0, 4)}-12-31`} start={today} onChange={(e) => set({ deadline: String(e.detail.value) })}>
          <View className='rec__picker' data-testid='target-deadline'>
            <Text>{d.deadline ?? '每期期末'}</Text>
            <Text className='rec__note'>选择 ›</Text>
          </View>
        </Picker>
        {d.deadline && (
          <Text className='rec__link' data-testid='target-deadline-clear' onClick={() => set({ deadline: null })}>
            改为每期期末
          </Text>
        )}
      </View>
      <Text className='rec__note'>一次性专项任务可设固定截止日期；不设则每个周期的最后一天为截止日。</Text>
      <KindParams draft={d} set={set} />
      <Text className='rec__label'>适用单位</Text>
      <Chips
        options={['all', 'some'] as const}
        label={(k) => (k === 'all' ? '全部单位' : `指定单位${d.unitIds.length ? `（${d.unitIds.length}）` : ''}`)}
        chosen={[d.allUnits ? 'all' : 'some']}
        onTap={(k) => set({ allUnits: k === 'all' })}
        testId='target-units'
      />
      {!d.allUnits && (
        <>
          {units.length > 12 && <LiteInput className='rec__field' value={filter} placeholder='按单位名称筛选' onChange={setFilter} />}
          <Chips
            options={shown.map((u) => u.id)}
            label={(id) => units.find((u) => u.id === id)?.name ?? id}
            chosen={d.unitIds}
            onTap={(id) => set({ unitIds: toggled(units.map((u) => u.id), d.unitIds, id) })}
            testId='target-unit'
          />
        </>
      )}
      {error && (
        <Text className='rec__error' data-testid='target-error'>
          {error}
        </Text>
      )}
      <View className='rec__buttons'>
        <Button disabled={busy} data-testid='target-cancel' onClick={onCancel}>
          取消
        </Button>
        <Button type='primary' loading={busy} disabled={busy} data-testid='target-save' onClick={onSave}>
          保存
        </Button>
      </View>
    </View>
  )
}

/** The params of the chosen kind only. */
function KindParams({ draft: d, set }: { draft: Draft; set: (patch: Partial<Draft>) => void }) {
  switch (d.kind) {
    case 'youthGroup':
      return (
        <>
          <Text className='rec__label'>青年年龄上限（岁，不填按积分规则）</Text>
          <Input className='rec__field' type='number' value={d.ageLimit} maxLength={2} placeholder='35' onChange={(ageLimit) => set({ ageLimit })} data-testid='param-age' />
          <Text className='rec__label'>每月截止日（1–28，不填则月底）</Text>
          <Input
            className='rec__field'
            type='number'
            value={d.monthDeadlineDay}
            maxLength={2}
            placeholder='如：25'
            onChange={(monthDeadlineDay) => set({ monthDeadlineDay })}
            data-testid='param-day'
          />
        </>
      )
    case 'meetingRhythm':
      return (
        <>
          <Text className='rec__label'>考核的会议（不选则按会议频次规则全部考核）</Text>
          <Chips
            options={MEETING_TYPES}
            label={(t) => MEETING_TYPE_LABEL[t]}
            chosen={d.meetingTypes}
            onTap={(t) => set({ meetingTypes: toggled(MEETING_TYPES, d.meetingTypes, t) })}
            testId='param-meeting'
          />
        </>
      )
    case 'training':
      return (
        <>
          <Text className='rec__label'>轮训对象：最低职级（含以上）</Text>
          <Chips options={CADRE_RANKS} label={(r) => `${CADRE_RANK_LABEL[r]}`} chosen={[d.minRank]} onTap={(minRank) => set({ minRank })} testId='param-rank' />
          <Text className='rec__note'>发布学习、讲座活动时可选“计入目标”，参加（含补签）即计为已轮训。</Text>
        </>
      )
    case 'standardBranch':
      return (
        <>
          <Text className='rec__label'>每个支部须达到</Text>
          <Chips options={AIM_GRADES} label={(g) => BRANCH_GRADE_LABEL[g]} chosen={[d.minGrade]} onTap={(minGrade) => set({ minGrade })} testId='param-grade' />
          <Text className='rec__label'>每个单位样板及以上支部数（不填为 1）</Text>
          <Input
            className='rec__field'
            type='number'
            value={d.modelsPerUnit}
            maxLength={2}
            placeholder='1'
            onChange={(modelsPerUnit) => set({ modelsPerUnit })}
            data-testid='param-models'
          />
        </>
      )
    case 'dutyReport':
      return (
        <>
          <Text className='rec__label'>述职对象</Text>
          <Chips options={DUTY_LEVELS} label={(l) => DUTY_LEVEL_LABEL[l]} chosen={d.levels} onTap={(l) => set({ levels: toggled(DUTY_LEVELS, d.levels, l) })} testId='param-level' />
        </>
      )
    case 'democraticMeeting':
      return <Text className='rec__note'>每个单位领导班子在周期内召开民主生活会，并有工委同志列席。</Text>
  }
}
