import { useEffect, useRef, useState } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'

/**
 * Run `tick` every `ms` while the page is on screen (a live list); stops when the page is hidden
 * under another one and starts again when it comes back.
 */
export function useLive(tick: () => void, ms: number, enabled = true) {
  // The latest `tick`, for the interval to call; kept after each render, not during it.
  const tickRef = useRef(tick)
  useEffect(() => {
    tickRef.current = tick
  })
  const [shown, setShown] = useState(true)
  useDidShow(() => setShown(true))
  useDidHide(() => setShown(false))
  useEffect(() => {
    if (!enabled || !shown) return
    const timer = setInterval(() => tickRef.current(), ms)
    return () => clearInterval(timer)
  }, [enabled, shown, ms])
}
