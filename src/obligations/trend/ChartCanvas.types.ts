import type { JSX } from '@antv/f2'

export interface ChartCanvasProps {
  /** A unique id on the page (the mini-program finds its canvas node by it). */
  id: string
  /** Height in CSS px; the width is the container's. */
  height: number
  /** The F2 chart to draw, redrawn when `version` changes. */
  chart: () => JSX.Element
  version: string
  /** Read out instead of the picture; the numbers are also in a table below. */
  label: string
  testId?: string
}
