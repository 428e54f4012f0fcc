import { useEffect, useRef } from 'react'
import { Canvas as CanvasView } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Canvas } from '@antv/f2'
import type { ChartCanvasProps } from './ChartCanvas.types'

interface CanvasNode {
  width: number
  height: number
  getContext: (kind: '2d') => CanvasRenderingContext2D
  requestAnimationFrame: (cb: () => void) => number
  cancelAnimationFrame: (id: number) => void
  createImage: () => HTMLImageElement
}

/**
 * WeChat: a `type="2d"` canvas whose node (found with a selector query once it is laid out) F2 draws
 * on, at the screen's pixel ratio, with the node's own animation frames and images.
 */
export default function ChartCanvas({ id, height, chart, version, label, testId }: ChartCanvasProps) {
  const chartRef = useRef(chart)
  useEffect(() => {
    chartRef.current = chart
  })
  useEffect(() => {
    let canvas: Canvas | null = null
    let gone = false
    Taro.nextTick(() => {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((res: { node: CanvasNode; width: number; height: number }[]) => {
          const found = res[0]
          if (gone || !found?.node) return
          const node = found.node
          const ratio = Taro.getWindowInfo().pixelRatio
          node.width = found.width * ratio
          node.height = found.height * ratio
          canvas = new Canvas({
            context: node.getContext('2d'),
            pixelRatio: ratio,
            width: found.width,
            height: found.height,
            animate: false,
            createImage: () => node.createImage(),
            requestAnimationFrame: (cb: () => void) => node.requestAnimationFrame(cb),
            cancelAnimationFrame: (n: number) => node.cancelAnimationFrame(n),
            children: chartRef.current(),
          } as ConstructorParameters<typeof Canvas>[0])
          void canvas.render()
        })
    })
    return () => {
      gone = true
      canvas?.destroy()
    }
  }, [id, height, version])
  return <CanvasView type='2d' id={id} className='chart-canvas' style={{ width: '100%', height: `${height}px` }} data-testid={testId} aria-label={label} />
}
