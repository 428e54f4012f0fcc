// Taro picks pickFile.weapp.ts or pickFile.h5.ts by platform; this file serves type checking and
// any other platform, where the browser's file input is the sensible default. Helpers that are the
// same everywhere (sizes, extensions, FileTooLargeError) live in pickFile.types.ts.
export { pickFile } from './pickFile.h5'
export type { PickedFile, PickFile, PickOptions } from './pickFile.types'
