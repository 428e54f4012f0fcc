import { useEffect, useRef } from 'react'
import { View } from '@tarojs/components'
import { Canvas } from '@antv/f2'
import type { ChartCanvasProps } from './ChartCanvas.types'

/** Browser: an HTML canvas sized to its container at the screen's pixel ratio, drawn by F2. */
export default function ChartCanvas({ id, height, chart, version, label, testId }: ChartCanvasProps) {
  const chartRef = useRef(chart)
  useEffect(() => {
    chartRef.current = chart
  })
  useEffect(() => {
    const host = document.getElementById(id)
    if (!host) return
    const el = document.createElement('canvas')
    const width = host.clientWidth
    const ratio = window.devicePixelRatio || 1
    el.width = width * ratio
    el.height = height * ratio
    el.style.width = `${width}px`
    el.style.height = `${height}px`
    el.setAttribute('aria-hidden', 'true')
    host.appendChild(el)
    const canvas = new Canvas({ context: el.getContext('2d'), pixelRatio: ratio, width, height, animate: false, children: chartRef.current() })
    void canvas.render()
    return () => {
      canvas.destroy()
      el.remove()
    }
  }, [id, height, version])
  return <View id={id} className='chart-canvas' style={{ height: `${height}px` }} data-testid={testId} aria-label={label} />
}
