// Taro picks download.weapp.ts or download.h5.ts by platform; this file serves type checking and
// any other platform, where the browser download is the sensible default.
export { saveFile } from './download.h5'
export type { FileToSave, SaveFile } from './download.types'
