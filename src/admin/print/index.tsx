import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import StateView from '../../components/StateView'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { roster, type RosterMember } from '../../services/member'
import { toastOk } from '../../utils/feedback'
import { fmtDate } from '../../utils/time'
import { isAdmin } from '@cloud/domain/roles'
import { useAdminScope } from '../shared/scope'
import './index.scss'

const slipText = (m: RosterMember) => `${m.name}（${m.memberNo}）登录码：${m.bindCode}`

/**
 * Sign-in codes of everyone in the unit who has not signed in yet, as slips to cut apart: A4 in the
 * browser's print dialog (the toolbar does not print); in WeChat the list can be copied instead.
 */
export default function PrintCodes() {
  const session = useSignedIn()
  const { params } = useRouter()
  const me = session?.member ?? null
  const allowed = !!me && isAdmin(me)
  const scope = useAdminScope(allowed ? me : null)
  const unitId = params.unit ?? ''
  const list = useRemote(() => roster(unitId), allowed && !!unitId)
  if (!me) return null
  if (!allowed || !unitId)
    return (
      <StateView loading={false} error={new Error(allowed ? '缺少单位，请从“花名册与登录码”进入' : '仅对单位管理员和市直机关工委开放')} empty emptyText=''>
        {null}
      </StateView>
    )
  // Slips for those who have not signed in yet (with the code, or by binding WeChat).
  const slips = (list.data?.members ?? []).filter((m) => m.active && !m.signedIn && m.bindCode)
  const unitName = scope.units.find((u) => u.id === unitId)?.name ?? ''

  async function copyAll() {
    await Taro.setClipboardData({ data: slips.map(slipText).join('\n') })
    toastOk('已复制')
  }

  return (
    <View className='print-codes'>
      <View className='print-codes__toolbar'>
        <Text className='print-codes__tip'>
          {process.env.TARO_ENV === 'h5' ? '每人一张，打印后沿虚线剪开，当面发放。' : '小程序不能直接打印：可复制名单，或在电脑上打开网页端打印。'}
        </Text>
        {process.env.TARO_ENV === 'h5' ? (
          <Button type='primary' size='small' disabled={slips.length === 0} data-testid='print' onClick={() => window.print()}>
            打印
          </Button>
        ) : (
          <Button type='primary' size='small' disabled={slips.length === 0} data-testid='copy-codes' onClick={() => void copyAll()}>
            复制名单
          </Button>
        )}
      </View>
      <View className='print-codes__head'>
        <Text className='print-codes__title'>{unitName} 党员登录码</Text>
        <Text className='print-codes__meta'>
          尚未登录 {slips.length} 人 · {fmtDate(new Date())}
        </Text>
      </View>
      <StateView
        loading={list.loading}
        error={list.error}
        empty={slips.length === 0}
        emptyText='所有人员都已登录'
        emptyHint='没有需要发放登录码的人员'
        onRetry={() => void list.reload()}
      >
        <View className='print-codes__grid'>
          {slips.map((m) => (
            <View key={m.id} className='print-codes__slip' data-testid='code-slip'>
              <Text className='print-codes__name'>{m.name}</Text>
              <Text className='print-codes__no'>{m.memberNo}</Text>
              <Text className='print-codes__code'>{m.bindCode}</Text>
              <Text className='print-codes__how'>打开“机关党建签到”，输入登录码。一人一码，请勿转借。</Text>
            </View>
          ))}
        </View>
      </StateView>
    </View>
  )
}
