import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Button, Input } from '@nutui/nutui-react-taro'
import { TEXT_LIMITS, TEXT_MIN } from '@cloud/contract/vocabulary'
import { verifyCertificate } from '../../services/stats'
import { periodLabel } from '../../utils/period'
import { fmtDate } from '../../utils/time'
import { useFontClass } from '../../utils/fontMode'
import './index.scss'

type Verified = Awaited<ReturnType<typeof verifyCertificate>>
type State = { step: 'idle' } | { step: 'working' } | { step: 'valid'; cert: Verified } | { step: 'invalid'; message: string }

/** `s` and `c` from the page's own parameters, or from a plain-link QR's `q` (the whole URL, encoded). */
function fromParams(params: Record<string, string | undefined>): { serial: string; code: string } {
  let { s = '', c = '' } = params
  if ((!s || !c) && params.q) {
    try {
      const url = decodeURIComponent(params.q)
      const query = url.slice(url.indexOf('?') + 1).split('#')[0]
      for (const pair of query.split('&')) {
        const [k, v = ''] = pair.split('=')
        if (k === 's') s = decodeURIComponent(v)
        if (k === 'c') c = decodeURIComponent(v)
      }
    } catch {
      // Not one of our links: the person types the serial and code instead.
    }
  }
  return { serial: s.trim(), code: c.trim() }
}

const IDLE: State = { step: 'idle' }
const WORKING: State = { step: 'working' }

/** Too short to be a serial and a code: say so without asking the server. */
const refusalOf = (s: string, c: string): State | null =>
  s.trim().length < TEXT_MIN.serial || c.trim().length < TEXT_MIN.verifyCode ? { step: 'invalid', message: '请输入证明上的编号和验证码' } : null

/** Ask the server: the certificate, or why it did not pass (the page shows WORKING meanwhile). */
const verify = (s: string, c: string): Promise<State> =>
  verifyCertificate(s.trim(), c.trim()).then(
    (cert): State => ({ step: 'valid', cert }),
    (e: unknown): State => ({ step: 'invalid', message: e instanceof Error && e.message ? e.message : '核验失败，请稍后再试' }),
  )

/**
 * 证明核验: public, no sign-in. The certificate's link and QR code open it with the serial and code
 * filled in and checked at once; anyone may also type them.
 */
export default function VerifyPage() {
  const fontClass = useFontClass()
  const { params } = useRouter()
  const initial = fromParams(params)
  const linked = !!initial.serial && !!initial.code
  const [serial, setSerial] = useState(initial.serial)
  const [code, setCode] = useState(initial.code)
  // What the link carried is checked at once: the page opens on that check under way (or on why it cannot be made).
  const [state, setState] = useState<State>(() => (!linked ? IDLE : (refusalOf(initial.serial, initial.code) ?? WORKING)))

  function check() {
    const refused = refusalOf(serial, code)
    if (refused) return setState(refused)
    setState(WORKING)
    void verify(serial, code).then(setState)
  }

  // Once, with what the link carried.
  useEffect(() => {
    if (initial.serial && initial.code && !refusalOf(initial.serial, initial.code)) void verify(initial.serial, initial.code).then(setState)
  }, [initial.serial, initial.code])

  return (
    <View className={`verify ${fontClass}`}>
      <View className='verify__form'>
        <Text className='verify__label'>证明编号</Text>
        <Input className='verify__input' placeholder='证明右上角的编号' value={serial} maxLength={TEXT_LIMITS.serial} onChange={setSerial} data-testid='verify-serial' />
        <Text className='verify__label'>验证码</Text>
        <Input className='verify__input' placeholder='证明下方的验证码' value={code} maxLength={TEXT_LIMITS.verifyCode} onChange={setCode} data-testid='verify-code' />
        <Button type='primary' block loading={state.step === 'working'} disabled={state.step === 'working'} data-testid='verify' onClick={check}>
          核验
        </Button>
      </View>
      {state.step === 'valid' && <Result cert={state.cert} />}
      {state.step === 'invalid' && (
        <View className='verify__result verify__result--invalid' data-testid='verify-invalid'>
          <Text className='verify__headline verify__headline--invalid'>未通过核验</Text>
          <Text className='verify__line'>{state.message}</Text>
        </View>
      )}
      <Text className='verify__tip'>核验结果来自机关党建签到系统的记录。为保护个人信息，姓名和身份证号仅显示部分。</Text>
    </View>
  )
}

function Result({ cert: c }: { cert: Verified }) {
  // No ID number on file: the line is left out rather than printed as 未登记.
  const rows: [string, string][] = [
    ['持有人', c.name],
    ...(c.maskedId ? [['身份证号', c.maskedId] as [string, string]] : []),
    ['服务期间', periodLabel(c.period)],
    ['服务时长', `${c.hours} 小时`],
    ['参加活动', `${c.activities} 次`],
    ['开具单位', c.issuingUnit],
    ['开具日期', fmtDate(c.issuedAt)],
    ['证明编号', c.serial],
  ]
  return (
    <View className='verify__result' data-testid='verify-valid'>
      <Text className='verify__headline'>✓ 有效</Text>
      <Text className='verify__line'>该志愿服务证明真实有效，内容如下：</Text>
      {rows.map(([k, v]) => (
        <View key={k} className='verify__row'>
          <Text className='verify__key'>{k}</Text>
          <Text className='verify__value'>{v}</Text>
        </View>
      ))}
    </View>
  )
}
