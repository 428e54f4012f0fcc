import { Fragment } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { CADRE_RANK_LABEL, ROLE_LABEL } from '@cloud/contract/vocabulary'
import Badge from '../../components/Badge'
import type { RosterMember } from '../../services/member'

/** Role words for the roster: 党员 when nothing more; a youth-group grant says so. */
export function roleLabels(m: RosterMember): string[] {
  const words = m.roles.filter((g) => g.role !== 'member').map((g) => (g.groupId ? `${ROLE_LABEL[g.role]}（青年小组）` : ROLE_LABEL[g.role]))
  return words.length ? [...new Set(words)] : [ROLE_LABEL.member]
}

/** Organizer of this unit itself (not only of a youth group). */
export const organizesHere = (m: RosterMember, unitId: string): boolean =>
  m.roles.some((g) => g.role === 'organizer' && g.unitId === unitId && !g.groupId)

interface Props {
  member: RosterMember
  unitId: string
  mayReset: boolean
  onRole: (grant: boolean) => void
  onReset: () => void
}

/** One person: who, how to reach them (masked unless the unit's admin), roles, whether they have signed in, and code. */
export default function MemberRow({ member: m, unitId, mayReset, onRole, onReset }: Props) {
  const organizer = organizesHere(m, unitId)
  return (
    <View className='roster-row' data-testid='roster-row' data-member-id={m.id}>
      <View className='roster-row__line'>
        <View className='roster-row__who'>
          <Text className='roster-row__name'>{m.name}</Text>
          <Text className='roster-row__no'>{m.memberNo}</Text>
        </View>
        {!m.active ? (
          <Badge tone='neutral'>已离开</Badge>
        ) : m.signedIn ? (
          <Badge tone='success' testId='signed-in'>
            已登录
          </Badge>
        ) : (
          <Badge tone='warning' testId='not-signed-in'>
            未登录
          </Badge>
        )}
      </View>
      <View className='roster-row__roles'>
        {roleLabels(m).map((r) => (
          <Badge key={r} tone={r === ROLE_LABEL.member ? 'neutral' : 'primary'}>
            {r}
          </Badge>
        ))}
      </View>
      {/* Each fact stays on one line (a phone number or a date is never cut in two); lines break between them. */}
      <Text className='roster-row__meta'>
        {[`手机 ${m.phone ?? '未登记'}`, m.cadreRank ? `职级 ${CADRE_RANK_LABEL[m.cadreRank]}` : null, m.idNumber ? `身份证 ${m.idNumber}` : null, m.birthDate ? `出生 ${m.birthDate}` : null]
          .filter((f): f is string => f !== null)
          .map((f, i) => (
            <Fragment key={f}>
              {i > 0 && ' · '}
              <Text className='roster-row__fact'>{f}</Text>
            </Fragment>
          ))}
      </Text>
      {m.active && (
        <View className='roster-row__line'>
          <Text className='roster-row__code-label'>
            登录码{' '}
            {m.bindCode ? (
              <Text className='roster-row__code' data-testid='bind-code'>
                {m.bindCode}
              </Text>
            ) : (
              <Text>不可查看</Text>
            )}
          </Text>
          <View className='roster-row__actions'>
            <Button size='small' data-testid={organizer ? 'revoke-organizer' : 'grant-organizer'} onClick={() => onRole(!organizer)}>
              {organizer ? '取消组织者' : '设为组织者'}
            </Button>
            {/* The server shows a code only to someone who outranks its holder, and lets only them reset it. */}
            {mayReset && m.bindCode && (
              <Button size='small' type='primary' fill='outline' data-testid='reset-access' onClick={onReset}>
                重置登录
              </Button>
            )}
          </View>
        </View>
      )}
    </View>
  )
}
