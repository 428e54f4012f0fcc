import { Text, View } from '@tarojs/components'
import type { MeetingRates } from '@cloud/contract/obligations'
import { RATE_LINES } from './labels'
import ScrollTable from './ScrollTable'

export interface RatesRow {
  id: string
  name: string
  rates: MeetingRates
}

/** The four rates of 三会一课 per row (a branch, the unit), `—` where nothing was due, and what each means. */
export default function RatesTable({ rows, corner }: { rows: RatesRow[]; corner: string }) {
  const byId = new Map(rows.map((r) => [r.id, r]))
  return (
    <View>
      <ScrollTable
        testId='rates'
        narrow
        corner={corner}
        columns={RATE_LINES.map((l) => ({ key: l.key, head: l.label }))}
        rows={rows.map((r) => ({ key: r.id, name: r.name, testId: 'rates-row' }))}
        cell={(row, col) => {
          const line = RATE_LINES.find((l) => l.key === col.key)!
          return (
            <Text className='ob-rate-cell' data-testid={`rate-${line.key}`}>
              {line.text(byId.get(row.key)!.rates)}
            </Text>
          )
        }}
      />
      <View className='ob__card ob-rates'>
        {RATE_LINES.map((l) => (
          <Text key={l.key} className='ob-rates__line'>
            <Text className='ob-rates__label'>{l.label}</Text>：{l.meaning}
          </Text>
        ))}
        <Text className='ob-rates__line'>“—” 表示本期没有应开会议（或没有应到人员），无从计算。</Text>
      </View>
    </View>
  )
}
