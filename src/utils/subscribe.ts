// Taro picks subscribe.weapp.ts or subscribe.h5.ts by platform; this file serves type checking and
// any other platform, where there are no subscribe messages to ask for.
export { askSubscribe } from './subscribe.h5'
export type { AskSubscribe } from './subscribe.types'
