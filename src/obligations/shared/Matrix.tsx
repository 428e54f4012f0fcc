import { Text } from '@tarojs/components'
import type { ObligationRow, TargetStanding } from '@cloud/contract/obligations'
import { STATUS_LABEL, cellText, shortName } from './labels'
import ScrollTable, { type TableRow } from './ScrollTable'

interface Props {
  corner: string
  targets: TargetStanding[]
  rows: ObligationRow[]
  /** The caller's own unit: its row first and marked. */
  mine?: string | null
  onCell: (row: ObligationRow, targetId: string) => void
  onRow?: (row: ObligationRow) => void
}

/** Rows × targets of traffic lights, each with its rate; `—` where the target asks nothing of the row. */
export default function Matrix({ corner, targets, rows, mine, onCell, onRow }: Props) {
  const ordered = mine ? [...rows.filter((r) => r.id === mine), ...rows.filter((r) => r.id !== mine)] : rows
  const byId = new Map(rows.map((r) => [r.id, r]))
  const tableRows: TableRow[] = ordered.map((r) => ({
    key: r.id,
    name: r.name,
    tag: mine && r.id === mine ? '本单位' : undefined,
    highlight: !!mine && r.id === mine,
    onName: onRow ? () => onRow(r) : undefined,
    testId: 'matrix-row',
  }))
  return (
    <ScrollTable
      testId='matrix'
      corner={corner}
      columns={targets.map((s) => ({ key: s.target.id, head: shortName(s.target), title: s.target.name }))}
      rows={tableRows}
      cell={(tr, col) => {
        const row = byId.get(tr.key)!
        const c = row.cells[col.key]
        if (!c)
          return (
            <Text className='ob-light ob-light--none' data-testid='cell' data-status='none' aria-label={`${row.name} ${col.title ?? col.head} 不适用`}>
              —
            </Text>
          )
        return (
          <Text
            className={`ob-light ob-light--${c.status}`}
            data-testid='cell'
            data-status={c.status}
            data-target={col.key}
            data-scope={row.id}
            aria-role='button'
            aria-label={`${row.name} ${col.title ?? col.head} ${STATUS_LABEL[c.status]} ${cellText(c)}`}
            onClick={() => onCell(row, col.key)}
          >
            {cellText(c)}
          </Text>
        )
      }}
    />
  )
}
