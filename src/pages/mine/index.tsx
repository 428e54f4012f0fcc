import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Switch } from '@nutui/nutui-react-taro'
import { ROLE_LABEL } from '@cloud/contract/vocabulary'
import type { MemberProfile } from '@cloud/contract/model'
import Dialog from '../../components/Dialog'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { me, signOut } from '../../services/member'
import { saveSession } from '../../services/session'
import { chooseLargeFont, isLargeFont, LARGE_FONT_CLASS } from '../../utils/fontMode'
import { PAGES } from '../../utils/nav'
import { HOW_TO, PRIVACY, type HelpSection } from './help'
import './index.scss'

/** 党员, then each other role once (活动组织者, 支部书记 …): what the person can do here. */
const rolesOf = (m: MemberProfile): string => [...new Set(['党员', ...m.roles.filter((g) => g.role !== 'member').map((g) => ROLE_LABEL[g.role])])].join('、')

type Open = 'help' | 'privacy' | null

export default function Mine() {
  const session = useSignedIn()
  // The profile as the server has it now: the stored one may predate a roster change (a new branch or role).
  const fresh = useRemote(async () => {
    const member = await me()
    if (session) saveSession({ ...session, member })
    return member
  }, !!session)
  const [large, setLarge] = useState(isLargeFont)
  const [open, setOpen] = useState<Open>(null)
  const [asking, setAsking] = useState(false)
  const [leaving, setLeaving] = useState(false)
  if (!session) return null
  const m = fresh.data ?? session.member

  function toggleFont() {
    chooseLargeFont(!large)
    setLarge(!large)
  }

  async function leave() {
    setLeaving(true)
    // Signed out here whatever the server says (no network): the session is cleared either way.
    await signOut().catch(() => undefined)
    await Taro.reLaunch({ url: PAGES.login })
  }

  const rows: [string, string][] = [
    ['姓名', m.name],
    ['单位', m.unitName],
    ['党支部', m.branchName ?? '未分配'],
    ['身份', rolesOf(m)],
  ]

  return (
    <View className={`mine ${large ? LARGE_FONT_CLASS : ''}`}>
      <View className='mine__hero'>
        <Text className='mine__avatar'>{m.name.slice(-2)}</Text>
        <View className='mine__who'>
          <Text className='mine__name' data-testid='mine-name'>
            {m.name}
          </Text>
          <Text className='mine__unit'>{m.branchName ? `${m.unitName} · ${m.branchName}` : m.unitName}</Text>
        </View>
      </View>

      <Text className='mine__section'>个人信息</Text>
      <View className='mine__card' data-testid='mine-profile'>
        {rows.map(([label, value]) => (
          <View className='mine__row' key={label}>
            <Text className='mine__label'>{label}</Text>
            <Text className='mine__value' data-testid={`mine-${label}`}>
              {value}
            </Text>
          </View>
        ))}
        <Text className='mine__hint'>信息有误请联系本单位管理员在花名册中更正。</Text>
      </View>

      <Text className='mine__section'>显示</Text>
      <View className='mine__card'>
        {/* The whole row is the tap target; the switch only shows the state (it ignores taps, see scss). */}
        <View className='mine__switch-row' role='switch' aria-checked={large} data-on={large ? '1' : '0'} data-testid='font-switch' onClick={toggleFont}>
          <View className='mine__switch-text'>
            <Text className='mine__switch-title'>大字模式</Text>
            <Text className='mine__hint'>
              {process.env.TARO_ENV === 'weapp' ? '字更大、按钮更好点；未设置时跟随微信的字体大小' : '字更大、按钮更好点，所有页面生效'}
            </Text>
          </View>
          <Switch className='mine__switch' checked={large} />
        </View>
      </View>

      <Text className='mine__section'>帮助与隐私</Text>
      <Guide id='help' title='使用帮助' sections={HOW_TO} open={open === 'help'} onToggle={() => setOpen(open === 'help' ? null : 'help')} />
      <Guide id='privacy' title='隐私说明' sections={PRIVACY} open={open === 'privacy'} onToggle={() => setOpen(open === 'privacy' ? null : 'privacy')} />

      <View className='mine__leave'>
        <Button block data-testid='sign-out' className='mine__leave-button' onClick={() => setAsking(true)}>
          退出登录
        </Button>
      </View>

      <Dialog
        open={asking}
        title='退出登录？'
        subtitle='退出后需要重新输入登录码才能签到。'
        confirmText='退出登录'
        danger
        busy={leaving}
        onConfirm={() => void leave()}
        onCancel={() => setAsking(false)}
      />
    </View>
  )
}

/** A card that opens in place: its title row toggles the sections under it. */
function Guide({ id, title, sections, open, onToggle }: { id: string; title: string; sections: HelpSection[]; open: boolean; onToggle: () => void }) {
  return (
    <View className='mine__card' data-testid={`mine-${id}`}>
      <View className='mine__guide-head' role='button' aria-expanded={open} data-testid={`mine-${id}-toggle`} onClick={onToggle}>
        <Text className='mine__switch-title'>{title}</Text>
        <Text className='mine__arrow'>{open ? '收起' : '展开'}</Text>
      </View>
      {open &&
        sections.map((s) => (
          <View className='mine__guide' key={s.id}>
            <Text className='mine__guide-title'>{s.title}</Text>
            {s.lines.map((line) => (
              <Text className='mine__guide-line' key={line}>
                {line}
              </Text>
            ))}
          </View>
        ))}
    </View>
  )
}
