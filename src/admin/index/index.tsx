import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import StateView from '../../components/StateView'
import { useSignedIn } from '../../hooks/useSignedIn'
import { ADMIN, BRANCH } from '../../utils/nav'
import { isAdmin, isCityAdmin } from '@cloud/domain/roles'
import { RECORDS } from '../../obligations/records/nav'
import { useAdminScope } from '../shared/scope'
import { useFontClass } from '../../utils/fontMode'
import './index.scss'

const ENTRIES = [
  { key: 'import', title: '花名册导入', hint: '上传 CSV 或 Excel 花名册，先检查再导入', url: ADMIN.import },
  { key: 'roster', title: '花名册与登录码', hint: '查找人员、设置组织者、重置登录、打印登录码', url: ADMIN.roster() },
  { key: 'org', title: '组织架构', hint: '单位、党支部、党小组与青年小组；调整人员、设置支部职务', url: ADMIN.org },
  { key: 'records', title: '会议记录审阅', hint: '审阅各支部上报的三会一课记录，可退回', url: BRANCH.review },
  { key: 'audit', title: '操作记录', hint: '谁在何时发布、审核、导入、修改了什么', url: ADMIN.audit },
] as const

/** The records that meet the plan's targets (记实): 目标设置 for the city admin only. */
const RECORD_ENTRIES = [
  { key: 'democratic', title: '民主生活会', hint: '记录单位民主生活会、工委列席同志和佐证材料', url: RECORDS.democratic(), city: false },
  { key: 'standard', title: '标准党支部', hint: '按考评标准为各党支部打分，评定标准、样板、示范党支部', url: RECORDS.standard, city: false },
  { key: 'duty', title: '述职评议', hint: '机关党委书记、党支部书记年度述职和上级评议', url: RECORDS.duty(), city: false },
  { key: 'targets', title: '目标设置', hint: '规划目标的周期、截止日期和适用单位；新增专项目标', url: RECORDS.targets, city: true },
] as const

/** The admin's menu: what they manage and the three tools. */
export default function AdminHome() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const me = session?.member ?? null
  const allowed = !!me && isAdmin(me)
  const scope = useAdminScope(allowed ? me : null)
  if (!me) return null
  if (!allowed)
    return (
      <StateView loading={false} error={new Error('单位管理仅对单位管理员和市直机关工委开放')} empty emptyText=''>
        {null}
      </StateView>
    )
  const scopeText = scope.city ? '市直机关工委管理员 · 全部单位' : `单位管理员 · ${scope.units.map((u) => u.name).join('、')}`
  return (
    <View className={`admin-home ${fontClass}`}>
      <View className='admin-home__head'>
        <Text className='admin-home__name'>{me.name}</Text>
        <Text className='admin-home__scope' data-testid='admin-scope'>
          {scope.loading ? '正在读取管理范围…' : scopeText}
        </Text>
      </View>
      {[...ENTRIES, ...RECORD_ENTRIES.filter((e) => !e.city || isCityAdmin(me))].map((e) => (
        <View key={e.key} className='admin-home__entry' data-testid={`admin-${e.key}`} onClick={() => Taro.navigateTo({ url: e.url })}>
          <View className='admin-home__entry-text'>
            <Text className='admin-home__entry-title'>{e.title}</Text>
            <Text className='admin-home__entry-hint'>{e.hint}</Text>
          </View>
          <Text className='admin-home__arrow'>›</Text>
        </View>
      ))}
    </View>
  )
}
