import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ROLE_LABEL, TEXT_LIMITS, TEXT_MIN } from '@cloud/contract/vocabulary'
import { demoAccounts, signIn } from '../../services/member'
import { useRemote } from '../../hooks/useRemote'
import LiteButton from '../../components/LiteButton'
import LiteInput from '../../components/LiteInput'
import { toastError } from '../../utils/feedback'
import { PAGES } from '../../utils/nav'
import { checkInPagePath, parseCheckInLink } from '../../utils/checkinLink'
import { pendingCheckIn, scannedAgo } from '../../utils/pendingCheckIn'
import './index.scss'
import { useFontClass } from '../../utils/fontMode'

export default function Login() {
  const fontClass = useFontClass()
  const { params } = useRouter()
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const demo = useRemote(demoAccounts)
  const redirect = params.redirect ? decodeURIComponent(params.redirect) : null
  // A check-in scanned while signed out: the one this page was sent back for, or one remembered from before.
  const [waiting] = useState(() => {
    const remembered = pendingCheckIn()
    const link = redirect ? parseCheckInLink(redirect) : null
    return link ? { link, scannedAt: remembered && remembered.token === link.token ? remembered.scannedAt : null } : remembered ? { link: remembered, scannedAt: remembered.scannedAt } : null
  })

  async function submit(bindCode: string) {
    const trimmed = bindCode.trim().toUpperCase()
    if (trimmed.length < TEXT_MIN.bindCode) return toastError(new Error('请输入单位发放的登录码'))
    setBusy(true)
    try {
      await signIn(trimmed)
      const target = redirect ?? (waiting ? checkInPagePath(waiting.link) : PAGES.home)
      await Taro.reLaunch({ url: target })
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(false)
    }
  }

  const accounts = demo.data?.accounts ?? []
  return (
    <View className={`login ${fontClass}`}>
      <View className='login__brand'>
        <Text className='login__title'>机关党建签到</Text>
        <Text className='login__subtitle'>理论学习 · 讲座 · 志愿服务，扫码签到，记实建档</Text>
      </View>
      {waiting && (
        <View className='login__waiting' data-testid='pending-checkin'>
          <Text className='login__waiting-title'>有一项签到等待完成</Text>
          <Text className='login__waiting-text'>
            {waiting.scannedAt !== null ? `您${scannedAgo({ ...waiting.link, scannedAt: waiting.scannedAt })}扫了签到码。` : ''}
            登录后将自动为您签到；若签到码已刷新，按提示再扫一次现场大屏即可。
          </Text>
        </View>
      )}
      <View className='login__form'>
        <Text className='login__label'>登录码</Text>
        {/* NutUI's look without its runtime: this is the first page a browser loads. */}
        <LiteInput
          className='login__input'
          placeholder='请输入单位发放的登录码'
          value={code}
          maxLength={TEXT_LIMITS.bindCode}
          onChange={(v) => setCode(v)}
          onConfirm={() => void submit(code)}
        />
        <LiteButton type='primary' block loading={busy} disabled={busy} data-testid='sign-in' onClick={() => void submit(code)}>
          {process.env.TARO_ENV === 'weapp' ? '绑定并登录' : '登录'}
        </LiteButton>
        <Text className='login__hint'>登录码由本单位党支部或机关党委发放，一人一码，请勿转借。</Text>
      </View>
      {accounts.length > 0 && (
        <View className='login__demo'>
          <Text className='login__demo-title'>演示账号（点击直接登录）</Text>
          {accounts.map((a) => (
            <View key={a.bindCode} className='login__demo-item' data-testid='demo-account' onClick={() => void submit(a.bindCode)}>
              <Text className='login__demo-role'>{ROLE_LABEL[a.role]}</Text>
              <Text className='login__demo-name'>
                {a.name} · {a.unit}
              </Text>
              <Text className='login__demo-code'>{a.bindCode}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
