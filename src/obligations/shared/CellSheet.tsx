import { ScrollView, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { Evidence, ObligationItem } from '@cloud/contract/obligations'
import Sheet from '../../components/Sheet'
import StateView from '../../components/StateView'
import { useRemote } from '../../hooks/useRemote'
import { obligations } from '../../services/obligations'
import { pct } from '../../utils/period'
import { fmtDate } from '../../utils/time'
import { openEvidenceFile } from './evidence'
import { ITEM_STATE_LABEL, OBLIGATIONS, STATUS_LABEL, dueDay } from './labels'

export interface OpenCell {
  targetId: string
  targetName: string
  scopeId: string
  scopeName: string
}

interface Props {
  period: string
  /** The unit whose branches the matrix shows; none on the city's matrix. */
  unitId?: string
  cell: OpenCell
  onClose: () => void
}

/** A matrix cell opened: what it is made of, unmet first as the function orders them (who, what, state, due, why), met with its evidence. */
export default function CellSheet({ period, unitId, cell, onClose }: Props) {
  const data = useRemote(
    () => obligations(period, unitId, { targetId: cell.targetId, scopeId: cell.scopeId }),
    true,
    `${period}:${unitId ?? ''}:${cell.targetId}:${cell.scopeId}`,
  )
  const d = data.data?.detail ?? null
  return (
    <Sheet onMaskTap={onClose} testId='cell-sheet'>
      <View className='ob-sheet'>
        <Text className='ob-sheet__title'>
          {cell.scopeName} · {cell.targetName}
        </Text>
        <StateView loading={data.loading} error={data.error} empty={!d} emptyText='没有可显示的明细' onRetry={() => void data.reload()}>
          {d && (
            <View className='ob-sheet__body'>
              <Text className={`ob-sheet__summary ob-rate--${d.cell.status}`} data-testid='cell-summary'>
                {STATUS_LABEL[d.cell.status]} · 完成 {d.cell.met}/{d.cell.required}（{pct(d.cell.rate)}）
                {d.cell.overdue > 0 ? ` · 逾期 ${d.cell.overdue}` : ''}
                {d.cell.nextDue ? ` · 最近截止 ${dueDay(d.cell.nextDue)}` : ''}
              </Text>
              {d.namesWithheld && (
                <Text className='ob-sheet__withheld' data-testid='names-withheld'>
                  姓名仅对本单位管理员可见
                  {d.items.length < d.cell.required ? `（另有 ${d.cell.required - d.items.length} 项未列出）` : ''}
                </Text>
              )}
              <ScrollView scrollY className='ob-sheet__items'>
                {d.items.map((it, i) => (
                  <ItemLine key={`${it.subject.id}:${it.what}:${i}`} item={it} />
                ))}
              </ScrollView>
            </View>
          )}
        </StateView>
        <Button block data-testid='cell-close' onClick={onClose}>
          关闭
        </Button>
      </View>
    </Sheet>
  )
}

function ItemLine({ item: it }: { item: ObligationItem }) {
  return (
    <View className={`ob-item ob-item--${it.state}`} data-testid='cell-item' data-state={it.state}>
      <View className='ob-item__line'>
        <Text className='ob-item__who' data-testid='item-who'>
          {it.subject.name}
        </Text>
        <Text className={`ob-state ob-state--${it.state}`}>
          {ITEM_STATE_LABEL[it.state]}
          {it.state === 'met' && it.late ? '（补）' : ''}
        </Text>
      </View>
      <Text className='ob-item__meta'>
        {it.what} · {it.metAt ? `${fmtDate(it.metAt)} 完成` : `截止 ${dueDay(it.dueBy)}`}
      </Text>
      {it.note && <Text className='ob-item__note'>{it.note}</Text>}
      {it.evidence.length > 0 && (
        <View className='ob-item__evidence'>
          {it.evidence.map((e) => (
            <Text key={`${e.kind}:${e.id}`} className={`ob-evidence ${opens(e) ? 'ob-evidence--link' : ''}`} data-testid='evidence' data-kind={e.kind} onClick={() => open(e, it)}>
              {e.label}
            </Text>
          ))}
        </View>
      )}
    </View>
  )
}

const opens = (e: Evidence) => e.kind !== 'checkIn'

/** A meeting opens its record; a file opens (or downloads); other records open their page of this subpackage. */
function open(e: Evidence, it: ObligationItem) {
  const q = `unitId=${encodeURIComponent(it.unitId)}`
  if (e.kind === 'meeting') void Taro.navigateTo({ url: OBLIGATIONS.meeting(e.id) })
  else if (e.kind === 'file') void openEvidenceFile(e.id)
  else if (e.kind === 'democraticMeeting') void Taro.navigateTo({ url: `/obligations/democratic/index?${q}` })
  else if (e.kind === 'branchScore') void Taro.navigateTo({ url: `/obligations/standard/index?${q}` })
  else if (e.kind === 'dutyReport') void Taro.navigateTo({ url: `/obligations/duty/index?${q}` })
}
