import type { AskSubscribe } from './subscribe.types'

/** The browser has no subscribe messages: the inbox is where reminders arrive. */
export const askSubscribe: AskSubscribe = () => Promise.resolve([])
