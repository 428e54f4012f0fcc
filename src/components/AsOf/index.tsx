import { Text } from '@tarojs/components'
import { useNow } from '../../hooks/useNow'
import { asOfText } from '../../utils/time'
import './index.scss'

interface Props {
  /** When the figures were computed (a view kept ready, the WeChat world); absent where they are exact and current. */
  asOf?: string
  /** `card` inside a card, under its figures; `page` in the page's margin, between cards. */
  place?: 'card' | 'page'
}

/** 数据更新于 HH:mm（每 5 分钟更新）: a small line near figures read from a view; nothing when they are current. */
export default function AsOf({ asOf, place = 'card' }: Props) {
  return asOf ? <AsOfLine asOf={asOf} place={place} /> : null
}

/** The line itself, judging "today" by a clock read every minute (not while rendering). */
function AsOfLine({ asOf, place }: { asOf: string; place: 'card' | 'page' }) {
  const now = useNow(60_000)
  return (
    <Text className={`as-of as-of--${place}`} data-testid='as-of' data-as-of={asOf}>
      {asOfText(asOf, new Date(now))}
    </Text>
  )
}
