// Taro picks transport.weapp.ts or transport.h5.ts by platform; this file serves type checking and
// any other platform, where the browser transport is the sensible default.
export { transport } from './transport.h5'
