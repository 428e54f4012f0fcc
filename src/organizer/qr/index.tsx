import { useCallback, useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { ActivitySummary, QrTokenResult } from '@cloud/contract/model'
import { DEFAULT_POLICY } from '@cloud/domain/policy'
import KindTag from '../../components/KindTag'
import QrCode from '../../components/QrCode'
import { useSignedIn } from '../../hooks/useSignedIn'
import { ApiError } from '../../services/api'
import { attendance as readAttendance, getActivity, qrToken } from '../../services/activity'
import { goLogin, ORGANIZER } from '../../utils/nav'
import { fmtDateTime, fmtRange } from '../../utils/time'
import { expectedCount, latestArrivals, wallDue, type Arrival, type WallRead } from './arrivals'
import { rulesText, sitingText, when, windowText } from './facts'
import { useFullscreen } from './fullscreen'
import { qrStage, showsCode, type QrStage } from './stage'
import Wall from './Wall'
import './index.scss'
import { useFontClass } from '../../utils/fontMode'

/** Arrivals refresh at least this often even between rotations. */
const ARRIVALS_REFRESH_MS = 5000
/** Once check-in (and check-out) has closed, the count and the activity's times are read this often. */
const IDLE_REFRESH_MS = 30_000

interface Shown extends QrTokenResult {
  /** Local time at which this token rotates, corrected for the difference between clocks. */
  deadline: number
  /** The server's clock minus this screen's, when the answer came: the stage goes by the server's clock. */
  skew: number
}

/**
 * The organizer's QR screen: a code that redraws every period, its countdown, the live count and the
 * last arrivals. On a phone, one column; on a landscape screen (a projector, a laptop), the code as
 * large as the height allows on the left and everything else on the right (index.scss).
 */
export default function QrScreen() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const { params } = useRouter()
  const id = params.id ?? ''
  const [activity, setActivity] = useState<ActivitySummary | null>(null)
  const [shown, setShown] = useState<Shown | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [wall, setWall] = useState<Arrival[] | null>(null)
  const [audienceCount, setAudienceCount] = useState<number | null>(null)
  // The clock the countdown is drawn from: read once on mount, then by the one-second timer below.
  const [now, setNow] = useState(() => Date.now())
  const inFlight = useRef(false)
  const lastFetch = useRef(0)
  const deadline = useRef(0)
  const wallRead = useRef<WallRead>({ count: null, readAt: 0 })
  // Whether check-in or check-out may still open or is open, as of the last render: once closed it refreshes slowly.
  const live = useRef(true)
  const fullscreen = useFullscreen()

  // The wall comes from the attendance list, read only when the count the code brings has moved (WALL_GAP_MS).
  const readWall = useCallback(
    async (count: number) => {
      wallRead.current = { count: wallRead.current.count, readAt: Date.now() }
      try {
        const a = await readAttendance(id)
        wallRead.current = { count, readAt: wallRead.current.readAt }
        setWall(latestArrivals(a.present))
        setAudienceCount(a.audienceCount)
      } catch {
        // The wall keeps its names and is read again after the gap; the count above it stays live.
      }
    },
    [id],
  )

  const refresh = useCallback(async () => {
    if (inFlight.current) return
    inFlight.current = true
    lastFetch.current = Date.now()
    try {
      const r = await qrToken(id)
      deadline.current = Date.now() + (Date.parse(r.rotatesAt) - Date.parse(r.serverTime))
      setShown({ ...r, deadline: deadline.current, skew: Date.parse(r.serverTime) - Date.now() })
      setProblem(null)
      if (wallDue(wallRead.current, r.arrivals, Date.now())) void readWall(r.arrivals)
    } catch (e) {
      if (e instanceof ApiError && e.code === 'UNAUTHENTICATED') return void goLogin()
      // Keep showing the last code (valid one more period) and keep trying: screens run for hours.
      setProblem(e instanceof Error ? e.message : '网络异常，正在重试…')
    } finally {
      inFlight.current = false
    }
  }, [id, readWall])

  // Once per activity as soon as someone is signed in: the activity, the first code, and the timer.
  const signedIn = !!session
  useEffect(() => {
    if (!signedIn || !id) return
    const readActivity = () => getActivity(id).then(setActivity).catch((e: Error) => setProblem(e.message))
    void readActivity()
    void refresh()
    try {
      void Taro.setKeepScreenOn({ keepScreenOn: true })
    } catch {
      // Not every platform can keep the screen on; the page still works.
    }
    const timer = setInterval(() => {
      const t = Date.now()
      setNow(t)
      if (!live.current) {
        // Closed: the count, and the times (an organizer may extend check-in), now and then.
        if (t - lastFetch.current >= IDLE_REFRESH_MS) void refresh().then(readActivity)
        return
      }
      if (t >= deadline.current || t - lastFetch.current >= ARRIVALS_REFRESH_MS) void refresh()
    }, 1000)
    return () => clearInterval(timer)
  }, [signedIn, id, refresh])

  // The stage by the server's clock (the answer's serverTime), not this screen's.
  const serverNow = now + (shown?.skew ?? 0)
  const stage: QrStage | null = activity && shown ? qrStage(activity, serverNow) : null
  const closed = stage?.kind === 'closed'
  // Until the activity's times are known (or if they cannot be read), the code shows as it always did.
  const codeShown = stage === null || showsCode(stage)
  // Only a closed screen slows down: before check-in opens the code is kept fresh all the same, so it is current the moment it shows.
  useEffect(() => {
    live.current = !closed
  }, [closed])

  if (!session) return null
  if (!id) return <Text className='qr-screen__problem'>缺少活动编号</Text>
  const secondsLeft = shown ? Math.max(0, Math.ceil((shown.deadline - now) / 1000)) : 0
  const expected = expectedCount(activity, audienceCount)
  return (
    <View className={`qr-screen${fullscreen.full ? ' qr-screen--full' : ''} ${fontClass}`} data-stage={stage?.kind ?? 'loading'}>
      <View className='qr-screen__head'>
        {activity && (
          <>
            <KindTag kind={activity.kind} subKind={activity.subKind} />
            <Text className='qr-screen__title'>{activity.title}</Text>
            <Text className='qr-screen__meta'>
              {activity.unitName} · {fmtRange(activity.startAt, activity.endAt)}
            </Text>
            <Text className='qr-screen__fact' data-testid='window'>
              {windowText(activity, serverNow)}
            </Text>
            <Text className='qr-screen__fact' data-testid={activity.noLocationReason ? 'no-location' : 'siting'}>
              {sitingText(activity)}
            </Text>
          </>
        )}
      </View>
      <View className={`qr-screen__stage${stage?.kind === 'checkOut' ? ' qr-screen__stage--labelled' : ''}`}>
        {stage?.kind === 'notOpen' && (
          <View className='qr-screen__notice' data-testid='qr-stage' data-stage='notOpen'>
            <Text className='qr-screen__notice-title'>
              签到未开始<Text className='qr-screen__nowrap'>（{when(stage.opensAt, serverNow)} 起）</Text>
            </Text>
            <Text className='qr-screen__notice-line'>签到开始后，签到码会自动出现在这里</Text>
          </View>
        )}
        {stage?.kind === 'closed' && (
          <View className='qr-screen__notice' data-testid='qr-stage' data-stage='closed'>
            <Text className='qr-screen__notice-title'>签到已截止</Text>
            <Text className='qr-screen__notice-line'>截止时间：{fmtDateTime(stage.closedAt)}</Text>
          </View>
        )}
        {stage?.kind === 'checkOut' && (
          <View className='qr-screen__label' data-testid='qr-stage' data-stage='checkOut'>
            <Text className='qr-screen__label-title'>签退码</Text>
            <Text className='qr-screen__notice-line'>
              签到已于 {when(stage.closedAt, serverNow)} 截止{stage.checkOutClosesAt ? `，签退截止 ${when(stage.checkOutClosesAt, serverNow)}` : ''}
            </Text>
          </View>
        )}
        {codeShown && (
          <View className='qr-screen__code'>
            {shown ? <QrCode text={shown.checkInUrl} size='var(--qr-size, 72vmin)' /> : <Text className='qr-screen__meta'>正在生成签到码…</Text>}
          </View>
        )}
      </View>
      <View className='qr-screen__live'>
        {shown && (
          <View className='qr-screen__status'>
            <Text className='qr-screen__arrivals' data-testid='arrivals'>
              {closed ? '共签到' : '已签到'} <Text className='qr-screen__count'>{shown.arrivals}</Text> 人
            </Text>
            {expected !== null && (
              <Text className='qr-screen__expected' data-testid='expected'>
                应到 {expected} 人
              </Text>
            )}
            {codeShown && (
              <Text className='qr-screen__countdown' data-testid='countdown'>
                {secondsLeft} 秒后刷新
              </Text>
            )}
          </View>
        )}
        <Text className='qr-screen__guide' data-testid='rules'>
          {rulesText(stage?.kind ?? null, shown?.periodSec ?? DEFAULT_POLICY.qrPeriodSec)}
        </Text>
        {stage?.kind !== 'notOpen' && <Wall arrivals={wall} serverNow={serverNow} closed={closed} />}
      </View>
      <View className='qr-screen__foot'>
        {shown && codeShown && (
          <Text className='qr-screen__link' data-testid='checkin-url' selectable>
            {shown.checkInUrl}
          </Text>
        )}
        {problem && <Text className='qr-screen__problem'>{problem}</Text>}
        <View className='qr-screen__actions'>
          {fullscreen.can && (
            <Text className='qr-screen__action' data-testid='fullscreen' onClick={fullscreen.toggle}>
              {fullscreen.full ? '退出全屏' : '全屏投屏'}
            </Text>
          )}
          <Text className='qr-screen__action qr-screen__action--chrome' data-testid='to-attendance' onClick={() => Taro.navigateTo({ url: ORGANIZER.attendance(id) })}>
            查看签到名单
          </Text>
        </View>
      </View>
    </View>
  )
}
