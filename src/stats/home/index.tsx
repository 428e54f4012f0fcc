import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { SELECTION } from '@cloud/contract/limits'
import { useSignedIn } from '../../hooks/useSignedIn'
import { STATS } from '../../utils/nav'
import { isCityAdmin } from '@cloud/domain/roles'
import '../shared/index.scss'
import { useFontClass } from '../../utils/fontMode'
import './index.scss'

interface Entry {
  key: string
  title: string
  hint: string
  url: string
}

const DASHBOARDS: Entry[] = [
  { key: 'obligations', title: '全覆盖目标', hint: '各单位各项目标红黄绿灯、逾期事项、月度趋势与记实建档报表', url: '/obligations/index/index' },
  { key: 'coverage', title: '青年理论学习小组覆盖', hint: '各单位覆盖率、红黄绿灯、小组按月学习情况', url: STATS.coverage },
  { key: 'volunteer', title: '志愿服务统计', hint: '服务时长、参与率、各月趋势与单位排名', url: STATS.volunteer },
  { key: 'leaderboard', title: '排行榜', hint: '学习标兵积分榜、志愿服务时长榜', url: STATS.leaderboard },
]

const CITY_ADMIN: Entry[] = [
  { key: 'targets', title: '目标设置', hint: '全覆盖目标的对象、要求、周期与截止时间；启用、停用或新增目标', url: '/obligations/targets/index' },
  { key: 'selection', title: '青年理论学习标兵评选', hint: `按规则冻结名单并公示 ${SELECTION.noticeDays} 天`, url: STATS.selection },
  { key: 'policy', title: '积分规则', hint: '各类活动积分、每日上限、青年年龄，按生效日期分版本', url: STATS.policy },
]

/** The dashboards an organizer or admin may open; selection and policy for the city admin. */
export default function StatsHome() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  if (!session) return null
  const me = session.member
  const sections: [string, Entry[]][] = [['数据看板', DASHBOARDS]]
  if (isCityAdmin(me)) sections.push(['市直机关工委', CITY_ADMIN])
  return (
    <View className={`stats stats-home ${fontClass}`}>
      <Text className='stats__section'>{me.unitName} · {me.name}</Text>
      {sections.map(([title, entries]) => (
        <View key={title}>
          <Text className='stats__section'>{title}</Text>
          {entries.map((e) => (
            <View key={e.key} className='stats-home__entry' data-testid={`to-${e.key}`} onClick={() => Taro.navigateTo({ url: e.url })}>
              <View className='stats-home__text'>
                <Text className='stats-home__title'>{e.title}</Text>
                <Text className='stats-home__hint'>{e.hint}</Text>
              </View>
              <Text className='stats-home__arrow'>›</Text>
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}
