import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'

/** h5 only, where the browser has the Fullscreen API (a mini-program has no document to put full screen). */
const fullscreenAvailable = (): boolean => process.env.TARO_ENV === 'h5' && typeof document !== 'undefined' && document.fullscreenEnabled === true

/**
 * The projector's 全屏投屏: `can` whether this browser can, `full` whether the page is full screen now
 * (Esc or the browser's own control leave it, so the answer follows the browser, not the button).
 */
export function useFullscreen(): { can: boolean; full: boolean; toggle: () => void } {
  const [can] = useState(fullscreenAvailable)
  const [full, setFull] = useState(false)
  useEffect(() => {
    if (!can) return
    const follow = () => setFull(document.fullscreenElement !== null)
    document.addEventListener('fullscreenchange', follow)
    return () => document.removeEventListener('fullscreenchange', follow)
  }, [can])
  const toggle = useCallback(() => {
    if (!can) return
    const asked = document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen()
    asked.catch(() => void Taro.showToast({ title: '浏览器未允许全屏，可按 F11 全屏显示', icon: 'none' }))
  }, [can])
  return { can, full, toggle }
}
