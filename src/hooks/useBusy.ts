import { useState } from 'react'
import { toastError, toastOk } from '../utils/feedback'

/**
 * One action at a time on a page: `run(work, done, then)` marks the page busy, does the work, lets
 * `then` show the result (reload the list, close the dialog) before saying `done`, and shows a
 * refusal as a toast. Answers whether the work went through.
 */
export function useBusy(): { busy: boolean; run: (work: () => Promise<unknown>, done: string, then?: () => unknown) => Promise<boolean> } {
  const [busy, setBusy] = useState(false)
  async function run(work: () => Promise<unknown>, done: string, then?: () => unknown): Promise<boolean> {
    setBusy(true)
    try {
      await work()
      await then?.()
      toastOk(done)
      return true
    } catch (e) {
      toastError(e)
      return false
    } finally {
      setBusy(false)
    }
  }
  return { busy, run }
}
