import { useCallback, useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { linkFromPageParams } from '../../utils/checkinLink'
import { Button, Loading } from '@nutui/nutui-react-taro'
import type { CheckInResult, MakeupEligibility } from '@cloud/contract/model'
import type { DeviceLocation } from '@cloud/contract/schemas'
import KindTag from '../../components/KindTag'
import { useSignedIn } from '../../hooks/useSignedIn'
import { ApiError } from '../../services/api'
import { checkIn, makeupOfferOf } from '../../services/checkin'
import { fmtDateTime, fmtRange } from '../../utils/time'
import { currentPosition } from '../../utils/location'
import { goLogin, PAGES } from '../../utils/nav'
import { forgetPendingCheckIn, pendingCheckIn, rememberPendingCheckIn } from '../../utils/pendingCheckIn'
import { scanToCheckIn } from '../../utils/scan'
import CheckOut from './CheckOut'
import MakeupRequest from './MakeupRequest'
import { nextStepAfter } from './nextStep'
import './index.scss'
import { useFontClass } from '../../utils/fontMode'

type State =
  | { step: 'working'; label: string }
  | { step: 'done'; result: CheckInResult }
  | {
      step: 'failed'
      code: string
      message: string
      details?: Record<string, unknown>
      /** What the server said about a make-up (补签) after this refusal; null when it said nothing. */
      makeup: MakeupEligibility | null
    }

/** A refusal as the page shows it, with the server's word on a make-up. */
const failedWith = (e: ApiError, makeup = makeupOfferOf(e)): State => ({ step: 'failed', code: e.code, message: e.message, details: e.details, makeup })

const WORKING: State = { step: 'working', label: '正在签到…' }
const INCOMPLETE: State = { step: 'failed', code: 'BAD_INPUT', message: '签到链接不完整，请重新扫描现场大屏上的签到码', makeup: null }

/** One key per scan, so a retry after a lost answer is recognised as the same check-in. */
const newIdempotencyKey = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`

export default function CheckInPage() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const { params } = useRouter()
  // Direct `a`/`t` (browser, scanCode), or a plain-link QR that opened the mini-program with `q`.
  const link = linkFromPageParams(params)
  const activityId = link?.activityId ?? ''
  const token = link?.token ?? ''
  const complete = !!activityId && !!token
  // An incomplete link fails at once; a complete one shows the check-in under way until it is answered.
  const [state, setState] = useState<State>(() => (complete ? WORKING : INCOMPLETE))
  const key = useRef(newIdempotencyKey())
  // This very code, scanned before signing in: the page says so if the code ran out meanwhile.
  const [waited] = useState(() => {
    const p = pendingCheckIn()
    return p && p.activityId === activityId && p.token === token ? p : null
  })

  /** Check in with this link and show the answer (the page shows WORKING meanwhile). */
  const checkInNow = useCallback(async () => {
    const attempt = (location?: DeviceLocation) => checkIn({ activityId, token, idempotencyKey: key.current, location })
    try {
      setState({ step: 'done', result: await attempt() })
      forgetPendingCheckIn()
    } catch (e) {
      if (e instanceof ApiError && e.code === 'UNAUTHENTICATED') return void goLogin()
      // Answered: nothing is waiting any more (重试 or a new scan starts from this page).
      forgetPendingCheckIn()
      if (e instanceof ApiError && e.code === 'LOCATION_REQUIRED') {
        setState({ step: 'working', label: '本活动需定位签到，正在获取位置…' })
        try {
          const location = await currentPosition()
          return setState({ step: 'done', result: await attempt(location) })
        } catch (e2) {
          if (e2 instanceof ApiError) return setState(failedWith(e2))
          // No position: the first refusal's word on a make-up still holds.
          return setState(failedWith(new ApiError('LOCATION_REQUIRED', '无法获取位置：请在设置中允许定位后重试'), makeupOfferOf(e)))
        }
      }
      setState(failedWith(e instanceof ApiError ? e : new ApiError('INTERNAL', '签到失败，请稍后重试')))
    }
  }, [activityId, token])

  /** 重试: the same check-in again (same idempotency key). */
  function run() {
    if (!complete) return setState(INCOMPLETE)
    setState(WORKING)
    void checkInNow()
  }

  // Once per opened link, as soon as someone is signed in; signed out, the link waits for sign-in.
  const signedIn = !!session
  useEffect(() => {
    if (!signedIn && complete) rememberPendingCheckIn({ activityId, token })
  }, [signedIn, complete, activityId, token])
  useEffect(() => {
    if (signedIn && complete) void checkInNow()
  }, [signedIn, complete, checkInNow])

  if (!session) return null
  return (
    <View className={`checkin ${fontClass}`}>
      {state.step === 'working' && (
        <View className='checkin__panel'>
          <Loading type='spinner' />
          <Text className='checkin__status'>{state.label}</Text>
        </View>
      )}
      {state.step === 'done' && <Success result={state.result} name={session.member.name} token={token} />}
      {state.step === 'failed' && <Failed state={state} activityId={activityId} waitedSince={waited?.scannedAt ?? null} onRetry={run} />}
    </View>
  )
}

interface FailedProps {
  state: Extract<State, { step: 'failed' }>
  activityId: string
  /** When this code was scanned before signing in; null when the member was signed in already. */
  waitedSince: number | null
  onRetry: () => void
}

function Failed({ state, activityId, waitedSince, onRetry }: FailedProps) {
  // 补签 is offered exactly when the server says this member may ask for one; otherwise its reason, if it gave one.
  const { makeup } = state
  const offered = !!makeup?.allowed
  // After the check-in window closed, scanning again cannot help.
  const closed = state.code === 'WINDOW_CLOSED' && !!state.details?.closedAt
  const next = nextStepAfter(state.code, state.details)
  const spentWhileSigningIn = state.code === 'TOKEN_EXPIRED' && waitedSince !== null
  return (
    <View
      className='checkin__panel checkin__panel--failed'
      data-testid='checkin-failed'
      data-code={state.code}
      data-makeup={makeup ? (makeup.allowed ? 'allowed' : 'refused') : 'none'}
    >
      <Text className='checkin__icon checkin__icon--failed'>!</Text>
      <Text className='checkin__headline'>{spentWhileSigningIn ? '请再扫一次签到码' : '签到未成功'}</Text>
      <Text className='checkin__reason' data-testid='checkin-reason'>
        {spentWhileSigningIn ? '您已登录成功。现场签到码每隔十几秒自动刷新，登录期间您扫的码已失效，这不影响签到：' : state.message}
      </Text>
      {next === 'scan' && <ScanAgain later={state.code === 'WINDOW_CLOSED'} />}
      {makeup && !makeup.allowed && makeup.reason && (
        <Text className='checkin__meta' data-testid='makeup-refused'>
          {makeup.reason}
        </Text>
      )}
      {makeup?.allowed && <MakeupRequest activityId={activityId} deadline={makeup.deadline} primary={closed} />}
      {next === 'retry' && !closed && (
        <Button type={offered ? 'default' : 'primary'} block data-testid='checkin-retry' onClick={onRetry}>
          重试
        </Button>
      )}
      <Button block onClick={() => Taro.reLaunch({ url: PAGES.home })}>
        返回首页
      </Button>
    </View>
  )
}

/** A spent code: the way to a fresh one is the organizer's screen. WeChat scans it here; a browser uses the phone's camera. */
function ScanAgain({ later }: { later: boolean }) {
  const weapp = process.env.TARO_ENV === 'weapp'
  const when = later ? '签到开始后，' : ''
  return (
    <View className='checkin__scan-again' data-testid='scan-again'>
      <Text className='checkin__scan-step'>
        {weapp ? `${when}点下方按钮，再扫一次现场大屏上的签到码即可完成签到。` : `${when}请用手机相机或微信「扫一扫」再扫一次现场大屏上的签到码，打开的页面会自动完成签到。`}
      </Text>
      {weapp && (
        <Button type='primary' block data-testid='scan-again-button' onClick={() => void scanToCheckIn({ replace: true })}>
          再次扫码签到
        </Button>
      )}
    </View>
  )
}

function Success({ result, name, token }: { result: CheckInResult; name: string; token: string }) {
  const { activity: a } = result
  // Scanning a volunteer activity's code again, before checking out, is how a volunteer checks out.
  const checkingOut = result.alreadyCheckedIn && a.kind === 'volunteer' && !result.checkIn.checkedOutAt
  const checkedOutAt = result.checkIn.checkedOutAt
  const earned = result.hoursStartCounting
    ? '志愿服务时长从现在开始计算，结束时请记得签退'
    : result.pointsEarned > 0
      ? `本次获得 ${result.pointsEarned} 积分`
      : result.pointsCapped > 0
        ? '今日积分已达上限，本次签到已记录但不再加分'
        : '本次签到已记录'
  return (
    <View className='checkin__panel checkin__panel--done' data-testid='checkin-success'>
      <Text className='checkin__icon'>✓</Text>
      <Text className='checkin__headline'>{result.alreadyCheckedIn ? '您已签到' : '签到成功'}</Text>
      <Text className='checkin__who'>{name}</Text>
      <View className='checkin__activity'>
        <KindTag kind={a.kind} subKind={a.subKind} />
        <Text className='checkin__title'>{a.title}</Text>
        <Text className='checkin__meta'>{fmtRange(a.startAt, a.endAt)}</Text>
        {a.placeName && <Text className='checkin__meta'>{a.placeName}</Text>}
        <Text className='checkin__meta'>签到时间：{fmtDateTime(result.checkIn.checkedInAt)}</Text>
      </View>
      {checkingOut ? (
        <CheckOut activityId={a.id} token={token} />
      ) : (
        <Text className='checkin__earned'>
          {!result.alreadyCheckedIn ? earned : checkedOutAt ? `您已于 ${fmtDateTime(checkedOutAt)} 签退，无需重复操作` : '无需重复签到，记录以首次签到为准'}
        </Text>
      )}
      <Button type={checkingOut ? 'default' : 'primary'} block data-testid='to-records' onClick={() => Taro.redirectTo({ url: PAGES.records })}>
        查看我的记录
      </Button>
      <Button block onClick={() => Taro.reLaunch({ url: PAGES.home })}>
        返回首页
      </Button>
    </View>
  )
}
