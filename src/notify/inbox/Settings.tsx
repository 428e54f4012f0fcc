import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Switch } from '@nutui/nutui-react-taro'
import { NOTIFY_KIND_LABEL, NOTIFY_KINDS, URGENT_NOTIFY_KINDS, type NotifyKind } from '@cloud/contract/vocabulary'
import { useRemote } from '../../hooks/useRemote'
import { preferences, setPreferences } from '../../services/notify'
import { toastError } from '../../utils/feedback'
import { askSubscribe } from '../../utils/subscribe'

/** 提醒设置: each kind on or off (saved at once), the quiet hours, and on WeChat a tap to allow pushes. */
export default function Settings() {
  const prefs = useRemote(preferences)
  // The choice shown while it is being saved; the server's answer replaces it.
  const [off, setOff] = useState<NotifyKind[] | null>(null)
  const [saving, setSaving] = useState(false)
  const current = off ?? prefs.data?.off ?? []

  async function toggle(kind: NotifyKind, on: boolean) {
    if (saving) return
    const before = current
    const wanted = on ? current.filter((k) => k !== kind) : [...current, kind]
    setOff(wanted)
    setSaving(true)
    try {
      const saved = await setPreferences(wanted)
      setOff(saved.off)
    } catch (e) {
      setOff(before)
      toastError(e)
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className='inbox-settings' data-testid='notify-settings'>
      <Text className='inbox-settings__title'>提醒设置</Text>
      {prefs.error && !prefs.data ? (
        <Text className='inbox-settings__note' onClick={() => void prefs.reload()}>
          {prefs.error.message || '读取失败'}，点此重试
        </Text>
      ) : (
        <View className='inbox-settings__card'>
          {NOTIFY_KINDS.map((k) => (
            <View key={k} className='inbox-settings__row' data-testid={`pref-${k}`} data-on={current.includes(k) ? '0' : '1'}>
              <Text className='inbox-settings__label'>{NOTIFY_KIND_LABEL[k]}</Text>
              <Switch checked={!current.includes(k)} disabled={!prefs.data || saving} onChange={(on: boolean) => void toggle(k, on)} />
            </View>
          ))}
        </View>
      )}
      <Text className='inbox-settings__note'>
        每晚 22:00 至次日 7:00 免打扰：除「{URGENT_NOTIFY_KINDS.map((k) => NOTIFY_KIND_LABEL[k]).join('」「')}」外，其余提醒在 7:00 后送达。关闭的提醒不再发送，消息列表中也不再出现。
      </Text>
      {process.env.TARO_ENV === 'weapp' && (
        <Text className='inbox-settings__subscribe' onClick={() => void askSubscribe(['activityReminder', 'reviewResult', 'taskReminder'])}>
          开启微信提醒（每次同意可收到一条）
        </Text>
      )}
    </View>
  )
}
