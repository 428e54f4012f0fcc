import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { CertificateView } from '@cloud/functions/stats/certificate'
import StateView from '../../components/StateView'
import PeriodPicker from '../../components/PeriodPicker'
import QrCode from '../../components/QrCode'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { certificate } from '../../services/stats'
import { PAGES } from '../../utils/nav'
import { currentPeriod, periodLabel } from '../../utils/period'
import { fmtDate } from '../../utils/time'
import '../shared/index.scss'
import { useFontClass } from '../../utils/fontMode'
import './index.scss'

const longDate = (iso: string) => {
  const [y, m, d] = fmtDate(iso).split('-')
  return `${y}年${Number(m)}月${Number(d)}日`
}

/**
 * 志愿服务证明 for a period, laid out to print: the holder, hours, activities, issuing unit, serial and
 * the code and link (also as a QR code) that let anyone verify it. `memberId`: an admin issuing one.
 */
export default function CertificatePage() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const { params } = useRouter()
  const [period, setPeriod] = useState(() => params.period || currentPeriod('year'))
  const memberId = params.memberId || undefined
  const data = useRemote(() => certificate(period, memberId), !!session, period)
  if (!session) return null
  const answer = data.data && data.data.period === period ? data.data : null
  const c = answer?.issued ? answer : null
  // No confirmed hours in this period: nothing to certify yet, said as an empty state (not an error).
  const someoneElse = !!memberId && memberId !== session.member.id

  return (
    <View className={`member-page cert-page ${fontClass}`}>
      <View className='cert-page__picker'>
        <PeriodPicker value={period} onChange={setPeriod} />
      </View>
      <StateView
        loading={data.loading}
        error={data.error}
        empty={!c}
        emptyText={answer && !answer.issued && someoneElse ? `${answer.name}还没有志愿服务时长` : '还没有志愿服务时长'}
        emptyHint={someoneElse ? '参加志愿服务并签退、时长经组织者确认后即可开具证明' : '参加志愿服务并签退后即可开具证明'}
        onRetry={() => void data.reload()}
      >
        {c && <Certificate cert={c} />}
      </StateView>
      {c && (
        <View className='cert-page__actions'>
          {process.env.TARO_ENV === 'h5' && (
            <Button type='primary' data-testid='print' onClick={() => window.print()}>
              打印
            </Button>
          )}
          <Button data-testid='open-verify' onClick={() => Taro.navigateTo({ url: `${PAGES.verify}?s=${encodeURIComponent(c.serial)}&c=${encodeURIComponent(c.verifyCode)}` })}>
            核验此证明
          </Button>
        </View>
      )}
      {c && process.env.TARO_ENV !== 'h5' && <Text className='member-page__empty'>可截屏保存本页，或在电脑上登录网页版打印。</Text>}
    </View>
  )
}

function Certificate({ cert: c }: { cert: CertificateView }) {
  return (
    <View className='cert' data-testid='certificate' data-serial={c.serial} data-code={c.verifyCode}>
      <Text className='cert__title'>志愿服务证明</Text>
      <Text className='cert__serial' data-testid='cert-serial'>
        编号：{c.serial}
      </Text>
      <Text className='cert__body'>
        兹证明<Text className='cert__strong'> {c.name} </Text>同志{c.maskedId ? `（身份证号：${c.maskedId}）` : ''}于{periodLabel(c.period)}参加志愿服务活动
        <Text className='cert__strong'> {c.activities} </Text>次，累计服务时长
        <Text className='cert__strong' data-testid='cert-hours'>{` ${c.hours} `}</Text>
        小时。
      </Text>
      <Text className='cert__body'>特此证明。</Text>
      <View className='cert__sign'>
        <Text className='cert__unit'>{c.issuingUnit}</Text>
        <Text>{longDate(c.issuedAt)}</Text>
      </View>
      <View className='cert__verify'>
        <QrCode text={c.verifyUrl} size={Taro.pxTransform(200)} />
        <View className='cert__verify-text'>
          <Text className='cert__verify-line'>
            验证码：<Text data-testid='cert-code'>{c.verifyCode}</Text>
          </Text>
          <Text className='cert__verify-line'>扫描二维码或访问以下网址，输入编号和验证码核验真伪：</Text>
          <Text className='cert__url' data-testid='verify-url' userSelect>
            {c.verifyUrl}
          </Text>
        </View>
      </View>
    </View>
  )
}
