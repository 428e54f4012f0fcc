import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { ActivityDetail } from '@cloud/contract/model'
import FilterEmpty from '../../components/FilterEmpty'
import LiteInput from '../../components/LiteInput'
import StateView from '../../components/StateView'
import { useRemote } from '../../hooks/useRemote'
import { attendance } from '../../services/activity'
import { ORGANIZER } from '../../utils/nav'
import { fmtTime } from '../../utils/time'
import { matching, whereOf } from './facts'

/** Names shown before 查看全部: a unit-wide audience runs to hundreds. */
const FIRST_ROWS = 30
/** A list this long gets a search box. */
const SEARCH_FROM = 10

interface Person {
  memberId: string
  name: string
  where: string
  /** 09:02 签到, 未签到, 补签待审核… */
  status: string
  present: boolean
}

/**
 * For the activity's organizers: the buttons they came for, and who is coming — the audience with who
 * has checked in so far (read from the attendance the organizer's own page reads), searchable by name.
 */
export default function Coming({ activity: a }: { activity: ActivityDetail }) {
  const roll = useRemote(() => attendance(a.id), true, a.id)
  const [search, setSearch] = useState('')
  const [all, setAll] = useState(false)
  const data = roll.data
  const people: Person[] = data
    ? [
        ...data.present.map((p) => ({ memberId: p.memberId, name: p.name, where: whereOf(p), status: `${fmtTime(p.checkedInAt)} 签到`, present: true })),
        ...data.absent.map((p) => ({
          memberId: p.memberId,
          name: p.name,
          where: whereOf(p),
          status: p.makeupStatus === 'pending' ? '补签待审核' : '未签到',
          present: false,
        })),
      ]
    : []
  const found = matching(people, search)
  const shown = all || search ? found : found.slice(0, FIRST_ROWS)
  const go = (url: string) => void Taro.navigateTo({ url })

  return (
    <View data-testid='organizer-part'>
      <Text className='activity-page__section'>组织者</Text>
      <View className='activity-page__card'>
        <View className='activity-page__buttons'>
          {a.status === 'published' && (
            <Button className='activity-page__button activity-page__button--main' type='primary' data-testid='organizer-qr' onClick={() => go(ORGANIZER.qr(a.id))}>
              展示签到码
            </Button>
          )}
          {a.status !== 'cancelled' && (
            <Button className='activity-page__button' data-testid='organizer-edit' onClick={() => go(ORGANIZER.edit(a.id))}>
              编辑
            </Button>
          )}
          {a.status !== 'draft' && (
            <Button className='activity-page__button' data-testid='organizer-attendance' onClick={() => go(ORGANIZER.attendance(a.id))}>
              签到情况
            </Button>
          )}
        </View>
      </View>

      <Text className='activity-page__section'>参加人员</Text>
      <View className='activity-page__card' data-testid='coming'>
        <StateView loading={roll.loading} error={roll.error} empty={!data} emptyText='暂无名单' onRetry={() => void roll.reload()}>
          {data && (
            <>
              <Text className='activity-page__counts' data-testid='coming-counts'>
                {[a.signUpRequired ? `报名 ${a.signUps} 人` : null, `应参加 ${data.audienceCount} 人`, `已签到 ${data.presentCount} 人`].filter(Boolean).join(' · ')}
              </Text>
              {people.length >= SEARCH_FROM && (
                <LiteInput className='activity-page__search' value={search} placeholder='搜索姓名' maxLength={20} onChange={setSearch} />
              )}
              {people.length === 0 && <Text className='activity-page__empty'>参加范围内暂无成员</Text>}
              {people.length > 0 && found.length === 0 && <FilterEmpty hint={`“${search.trim()}”的搜索结果中`} onClear={() => setSearch('')} />}
              {shown.map((p) => (
                <View key={p.memberId} className='activity-page__person' data-testid='coming-person'>
                  <Text className='activity-page__person-name'>{p.name}</Text>
                  <Text className='activity-page__person-where'>{p.where}</Text>
                  <Text className={`activity-page__person-status ${p.present ? 'activity-page__person-status--in' : ''}`}>{p.status}</Text>
                </View>
              ))}
              {shown.length < found.length && (
                <Text className='activity-page__more' data-testid='coming-all' onClick={() => setAll(true)}>
                  查看全部 {found.length} 人
                </Text>
              )}
            </>
          )}
        </StateView>
      </View>
    </View>
  )
}
