/** @jsxImportSource @antv/f2 */
/**
 * A target's share met, month by month, as an F2 chart (line, points, 0–100% axis). Written in F2's
 * own JSX (the pragma above), so it describes a chart, not React elements; `ChartCanvas` draws it.
 */
import { Axis, Chart, Line, Point, type JSX } from '@antv/f2'
import type { TrendPoint } from '@cloud/contract/obligations'

/** The canvas cannot read CSS variables: the token defaults (tokens.scss) of primary and secondary text, and the border. */
const INK = { line: '#c8161d', label: '#646a73', grid: '#e5e6eb' }

/** Axis labels in CSS px (plain numbers: F2 halves only `'…px'` strings, written for a 750-wide design). */
const LABEL = 11

const percent = (v: number) => `${Math.round(v * 100)}%`

export function trendChart(points: TrendPoint[]): JSX.Element {
  const data = points.map((p) => ({ month: `${Number(p.month.slice(5))}月`, rate: p.rate }))
  return (
    <Chart
      data={data}
      scale={{
        rate: { min: 0, max: 1, tickCount: 5, formatter: percent },
        month: { range: data.length > 1 ? [0.04, 0.96] : [0.5, 0.5] },
      }}
    >
      <Axis field='month' style={{ label: { fill: INK.label, fontSize: LABEL }, line: { stroke: INK.grid } }} />
      <Axis field='rate' style={{ label: { fill: INK.label, fontSize: LABEL }, grid: { stroke: INK.grid } }} />
      <Line x='month' y='rate' color={INK.line} style={{ lineWidth: 2 }} />
      <Point x='month' y='rate' color={INK.line} size={3} />
    </Chart>
  )
}
