/** A file the person chose, read whole and base64-encoded for a cloud function event. */
export interface PickedFile {
  name: string
  /** Bytes. */
  size: number
  base64: string
}

export interface PickOptions {
  /** Allowed extensions without the dot, lower case: `['csv', 'xlsx']`. */
  extensions: string[]
  /** Larger files are refused before they are read (FileTooLargeError). */
  maxBytes: number
  /** Called once the file is chosen, before reading starts: the page can show its name and size. */
  onChosen?: (file: { name: string; size: number }) => void
  /** Reading progress from 0 to 1, where the platform reports it (the browser does; WeChat does not). */
  onProgress?: (fraction: number) => void
}

/** Opens the platform's file chooser; resolves to null when the person cancels. One implementation per platform. */
export type PickFile = (options: PickOptions) => Promise<PickedFile | null>

/** Refused before reading: the page says so and nothing is uploaded. */
export class FileTooLargeError extends Error {
  constructor(
    readonly fileName: string,
    readonly size: number,
    readonly maxBytes: number,
  ) {
    super(`文件“${fileName}”有 ${fmtBytes(size)}，超过上限 ${fmtBytes(maxBytes)}，请按单位拆分成几个文件分批导入`)
    this.name = 'FileTooLargeError'
  }
}

/** 0.8 KB, 1.2 MB: sizes as people read them. */
export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}

export const extensionOf = (name: string): string => (name.includes('.') ? (name.split('.').pop() ?? '').toLowerCase() : '')

/** The reason a chosen file is refused by its type, or null. */
export function wrongType(name: string, extensions: string[]): string | null {
  const ext = extensionOf(name)
  if (extensions.includes(ext)) return null
  if (ext === 'xls') return '不支持旧版 Excel（.xls），请在 Excel 中另存为 .xlsx 后再选择'
  return `请选择 ${extensions.map((e) => `.${e}`).join(' 或 ')} 文件`
}
