import { useCallback, useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { ActivitySummary, QrTokenResult } from '@cloud/contract/model'
import { DEFAULT_POLICY } from '@cloud/domain/policy'
import KindTag from '../../components/KindTag'
import QrCode from '../../components/QrCode'
import { useSignedIn } from '../../hooks/useSignedIn'
import { ApiError } from '../../services/api'
import { getActivity, qrToken } from '../../services/activity'
import { goLogin, ORGANIZER } from '../../utils/nav'
import { fmtRange } from '../../utils/time'
import './index.scss'

/** Arrivals refresh at least this often even between rotations. */
const ARRIVALS_REFRESH_MS = 5000

interface Shown extends QrTokenResult {
  /** Local time at which this token rotates, corrected for the difference between clocks. */
  deadline: number
}

/** The organizer's projector screen: a QR code that redraws every period, a countdown and live arrivals. */
export default function QrScreen() {
  const session = useSignedIn()
  const { params } = useRouter()
  const id = params.id ?? ''
  const [activity, setActivity] = useState<ActivitySummary | null>(null)
  const [shown, setShown] = useState<Shown | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  // The clock the countdown is drawn from: read once on mount, then by the one-second timer below.
  const [now, setNow] = useState(() => Date.now())
  const inFlight = useRef(false)
  const lastFetch = useRef(0)
  const deadline = useRef(0)

  const refresh = useCallback(async () => {
    if (inFlight.current) return
    inFlight.current = true
    lastFetch.current = Date.now()
    try {
      const r = await qrToken(id)
      deadline.current = Date.now() + (Date.parse(r.rotatesAt) - Date.parse(r.serverTime))
      setShown({ ...r, deadline: deadline.current })
      setProblem(null)
    } catch (e) {
      if (e instanceof ApiError && e.code === 'UNAUTHENTICATED') return void goLogin()
      // Keep showing the last code (valid one more period) and keep trying: screens run for hours.
      setProblem(e instanceof Error ? e.message : '网络异常，正在重试…')
    } finally {
      inFlight.current = false
    }
  }, [id])

  // Once per activity as soon as someone is signed in: the activity, the first code, and the timer.
  const signedIn = !!session
  useEffect(() => {
    if (!signedIn || !id) return
    getActivity(id).then(setActivity).catch((e: Error) => setProblem(e.message))
    void refresh()
    try {
      void Taro.setKeepScreenOn({ keepScreenOn: true })
    } catch {
      // Not every platform can keep the screen on; the page still works.
    }
    const timer = setInterval(() => {
      const t = Date.now()
      setNow(t)
      if (t >= deadline.current || t - lastFetch.current >= ARRIVALS_REFRESH_MS) void refresh()
    }, 1000)
    return () => clearInterval(timer)
  }, [signedIn, id, refresh])

  if (!session) return null
  if (!id) return <Text className='qr-screen__problem'>缺少活动编号</Text>
  const secondsLeft = shown ? Math.max(0, Math.ceil((shown.deadline - now) / 1000)) : 0
  return (
    <View className='qr-screen'>
      {activity && (
        <View className='qr-screen__head'>
          <KindTag kind={activity.kind} subKind={activity.subKind} />
          <Text className='qr-screen__title'>{activity.title}</Text>
          <Text className='qr-screen__meta'>
            {fmtRange(activity.startAt, activity.endAt)}
            {activity.placeName ? ` · ${activity.placeName}` : ''}
          </Text>
          {activity.noLocationReason && (
            <Text className='qr-screen__meta' data-testid='no-location'>
              未校验位置：{activity.noLocationReason}
            </Text>
          )}
        </View>
      )}
      <View className='qr-screen__code'>
        {shown ? <QrCode text={shown.checkInUrl} /> : <Text className='qr-screen__meta'>正在生成签到码…</Text>}
      </View>
      {shown && (
        <View className='qr-screen__status'>
          <Text className='qr-screen__countdown' data-testid='countdown'>
            {secondsLeft} 秒后刷新
          </Text>
          <Text className='qr-screen__arrivals' data-testid='arrivals'>
            已签到 <Text className='qr-screen__count'>{shown.arrivals}</Text> 人
          </Text>
        </View>
      )}
      <Text className='qr-screen__guide'>请用微信或手机相机扫码签到（签到码每 {shown?.periodSec ?? DEFAULT_POLICY.qrPeriodSec} 秒刷新，截图无效）</Text>
      {shown && (
        <Text className='qr-screen__link' data-testid='checkin-url' selectable>
          {shown.checkInUrl}
        </Text>
      )}
      {problem && <Text className='qr-screen__problem'>{problem}</Text>}
      <Text className='qr-screen__attendance' data-testid='to-attendance' onClick={() => Taro.navigateTo({ url: ORGANIZER.attendance(id) })}>
        查看签到名单
      </Text>
    </View>
  )
}
