// Taro picks ChartCanvas.weapp.tsx or ChartCanvas.h5.tsx by platform; this file serves type checking
// and any other platform, where the browser canvas is the sensible default.
export { default } from './ChartCanvas.h5'
export type { ChartCanvasProps } from './ChartCanvas.types'
