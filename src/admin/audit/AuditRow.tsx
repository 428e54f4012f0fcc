import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { AuditEntry } from '../../services/member'
import { fmtClock, fmtDate } from '../../utils/time'
import { actionLabel, changeText, jsonText, targetText } from './describe'

interface Props {
  entry: AuditEntry
  /** Tap the person's name: only their actions. */
  onActor: (actor: { id: string; name: string }) => void
}

/** One audited action: when (Shanghai), who, what, on what; before and after on request. */
export default function AuditRow({ entry: e, onActor }: Props) {
  const [open, setOpen] = useState(false)
  const target = targetText(e)
  const change = changeText(e)
  return (
    <View className='audit-row' data-testid='audit-row' data-action={e.action}>
      <View className='audit-row__line'>
        <Text className='audit-row__action' data-testid='audit-action'>
          {actionLabel(e)}
        </Text>
        <Text className='audit-row__time'>
          {fmtDate(e.at)} {fmtClock(e.at)}
        </Text>
      </View>
      <Text className='audit-row__meta'>
        操作人：
        <Text className='audit-row__actor' onClick={() => onActor({ id: e.actorId, name: e.actorName })}>
          {e.actorName}
        </Text>
        {target ? ` · 对象：${target}` : ''}
      </Text>
      {change && <Text className='audit-row__change'>{change}</Text>}
      <Text className='audit-row__toggle' data-testid='audit-toggle' onClick={() => setOpen(!open)}>
        {open ? '收起详情' : '查看变更前后'}
      </Text>
      {open && (
        <View className='audit-row__detail'>
          <Text className='audit-row__label'>变更前</Text>
          <Text className='audit-row__json' userSelect>
            {jsonText(e.before)}
          </Text>
          <Text className='audit-row__label'>变更后</Text>
          <Text className='audit-row__json' userSelect>
            {jsonText(e.after)}
          </Text>
        </View>
      )}
    </View>
  )
}
