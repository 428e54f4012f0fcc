import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import type { InboxMessage, InboxPage } from '@cloud/contract/model'
import StateView from '../../components/StateView'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { inbox, markAllRead, markRead } from '../../services/notify'
import { toastError, toastOk } from '../../utils/feedback'
import { PAGES } from '../../utils/nav'
import { fmtAgo } from '../../utils/time'
import Settings from './Settings'
import { useFontClass } from '../../utils/fontMode'
import './index.scss'

/** Open a message's link: home by relaunching, anything else on top (replacing this page when the stack is full). */
async function open(link: string) {
  if (link.split('?')[0] === PAGES.home) return void (await Taro.reLaunch({ url: link }))
  try {
    await Taro.navigateTo({ url: link })
  } catch {
    await Taro.redirectTo({ url: link })
  }
}

/** 消息: reminders newest first (unread marked), 全部已读, more on demand, and which kinds to receive. */
export default function Inbox() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const first = useRemote(() => inbox(), !!session)
  // Pages loaded with 加载更多, after the first; read marks made here, shown without a reload.
  const [more, setMore] = useState<InboxPage[]>([])
  const [readHere, setReadHere] = useState<Set<string>>(new Set())
  const [allReadAt, setAllReadAt] = useState<string | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const shownBefore = useRef(false)

  async function reload() {
    await first.reload()
    setMore([])
    setReadHere(new Set())
    setAllReadAt(null)
  }
  // Back from a message's page: what arrived meanwhile, from the top.
  useDidShow(() => {
    if (session && shownBefore.current) void reload()
    shownBefore.current = true
  })
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()))
  if (!session) return null

  const pages = first.data ? [first.data, ...more] : []
  const messages = pages.flatMap((p) => p.messages)
  const next = pages.length ? pages[pages.length - 1].next : null
  const isRead = (m: InboxMessage) => !!m.readAt || readHere.has(m.id) || (allReadAt !== null && m.createdAt <= allReadAt)
  const unread = allReadAt ? 0 : Math.max(0, (first.data?.unread ?? 0) - messages.filter((m) => !m.readAt && readHere.has(m.id)).length)

  async function tap(m: InboxMessage) {
    if (!isRead(m)) {
      setReadHere((s) => new Set(s).add(m.id))
      // Reading is not worth stopping the person for: a failed mark shows as unread again next time.
      void markRead([m.id]).catch(() => undefined)
    }
    if (m.link) await open(m.link).catch(toastError)
  }

  async function readAll() {
    try {
      await markAllRead()
      setAllReadAt(new Date().toISOString())
      toastOk('已全部标为已读')
    } catch (e) {
      toastError(e)
    }
  }

  async function loadMore() {
    if (!next || loadingMore) return
    setLoadingMore(true)
    try {
      const page = await inbox(next)
      setMore((p) => [...p, page])
    } catch (e) {
      toastError(e)
    } finally {
      setLoadingMore(false)
    }
  }

  return (
    <View className={`inbox ${fontClass}`}>
      {first.data && (
        <View className='inbox__head'>
          <Text className='inbox__summary' data-testid='inbox-unread'>
            {unread > 0 ? `${unread} 条未读` : '没有未读消息'}
          </Text>
          {unread > 0 && (
            <Text className='inbox__read-all' data-testid='read-all' onClick={() => void readAll()}>
              全部已读
            </Text>
          )}
        </View>
      )}
      <StateView
        loading={first.loading}
        error={first.error}
        empty={messages.length === 0}
        emptyText='暂无消息'
        emptyHint='活动提醒、审批结果和任务到期提醒会出现在这里'
        onRetry={() => void reload()}
      >
        {messages.map((m) => (
          <View
            key={m.id}
            className={`inbox__item ${isRead(m) ? '' : 'inbox__item--unread'} ${m.link ? 'inbox__item--link' : ''}`}
            data-testid='inbox-message'
            data-read={isRead(m) ? '1' : '0'}
            onClick={() => void tap(m)}
          >
            <View className='inbox__line'>
              {!isRead(m) && <View className='inbox__dot' data-testid='unread-dot' />}
              <Text className='inbox__title'>{m.title}</Text>
              <Text className='inbox__time'>{fmtAgo(m.createdAt)}</Text>
            </View>
            <Text className='inbox__body'>{m.body}</Text>
            {m.link && <Text className='inbox__go'>查看详情 ›</Text>}
          </View>
        ))}
        {next && (
          <Text className='inbox__more' data-testid='load-more' onClick={() => void loadMore()}>
            {loadingMore ? '加载中…' : '加载更多'}
          </Text>
        )}
      </StateView>
      <Settings />
    </View>
  )
}
