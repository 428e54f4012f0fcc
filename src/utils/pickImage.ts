// Taro picks pickImage.weapp.ts or pickImage.h5.ts by platform; this file serves type checking and
// any other platform, where the browser's file input is the sensible default.
export { pickImage } from './pickImage.h5'
export type { PickedImage, PickImage } from './pickImage.types'
