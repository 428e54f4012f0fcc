import type { ReactNode } from 'react'
import { ScrollView, Text, View } from '@tarojs/components'

export interface TableColumn {
  key: string
  head: string
  /** The whole name, read out and shown on long press where `head` is shortened. */
  title?: string
}

export interface TableRow {
  key: string
  name: string
  /** Under the name, small (e.g. 本单位). */
  tag?: string
  highlight?: boolean
  onName?: () => void
  testId?: string
}

interface Props {
  corner: string
  columns: TableColumn[]
  rows: TableRow[]
  cell: (row: TableRow, column: TableColumn) => ReactNode
  /** Columns of short figures, narrower than the matrix's lights. */
  narrow?: boolean
  testId?: string
}

/**
 * A table whose first column (the names) stays put while the others scroll sideways on a phone; on a
 * wide screen the columns share the width. Two blocks side by side rather than `position: sticky`,
 * which a mini-program's scroll-view does not keep; rows have one height so the blocks line up.
 */
export default function ScrollTable({ corner, columns, rows, cell, narrow, testId }: Props) {
  return (
    <View className={`ob-table ${narrow ? 'ob-table--narrow' : ''}`} data-testid={testId}>
      <View className='ob-table__names'>
        <Text className='ob-table__corner'>{corner}</Text>
        {rows.map((r) => (
          <View
            key={r.key}
            className={`ob-table__name ${r.highlight ? 'ob-table__name--me' : ''} ${r.onName ? 'ob-table__name--link' : ''}`}
            data-testid={r.testId ? `${r.testId}-name` : undefined}
            data-id={r.key}
            onClick={r.onName}
          >
            <Text className='ob-table__name-text'>{r.name}</Text>
            {r.tag && <Text className='ob-table__tag'>{r.tag}</Text>}
          </View>
        ))}
      </View>
      <ScrollView scrollX className='ob-table__scroll'>
        <View className='ob-table__grid'>
          <View className='ob-table__row ob-table__row--head'>
            {columns.map((c) => (
              <Text key={c.key} className='ob-table__th' aria-label={c.title ?? c.head}>
                {c.head}
              </Text>
            ))}
          </View>
          {rows.map((r) => (
            <View key={r.key} className={`ob-table__row ${r.highlight ? 'ob-table__row--me' : ''}`} data-testid={r.testId} data-id={r.key}>
              {columns.map((c) => (
                <View key={c.key} className='ob-table__td'>
                  {cell(r, c)}
                </View>
              ))}
            </View>
          ))}
        </View>
      </ScrollView>
    </View>
  )
}
