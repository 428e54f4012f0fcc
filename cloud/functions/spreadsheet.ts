import { stringify } from 'csv-stringify/sync'
import type ExcelJS from 'exceljs'

/** exceljs costs about 25 MB of memory once loaded: the server loads it for the first spreadsheet, not at start. */
export async function excel(): Promise<typeof ExcelJS> {
  const m = (await import('exceljs')) as unknown as { default?: typeof ExcelJS } & typeof ExcelJS
  return m.default ?? m
}

export interface ExportFile {
  filename: string
  mimeType: string
  /** File content, base64, so it travels in a JSON envelope in both worlds. */
  base64: string
  rows: number
}

type Cell = string | number

/** What spreadsheet programs read as the start of a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * A CSV cell as Excel should show it: text that would start a formula (`=HYPERLINK(…)`, `+cmd|…`,
 * `@SUM(…)`) gets a leading apostrophe, so it is shown, never run. Numbers stay numbers (a
 * negative number is a number, not a formula). XLSX needs none of this: exceljs writes text as text.
 */
export const csvCell = (c: Cell): Cell => (typeof c === 'string' && FORMULA_START.test(c) ? `'${c}` : c)

/**
 * A table as a file people open in Excel: CSV as UTF-8 with BOM (without it Excel on Windows
 * garbles Chinese), or XLSX with optional lines above the header.
 */
export async function toFile(
  title: string,
  format: 'csv' | 'xlsx',
  header: string[],
  rows: Cell[][],
  opts: { preface?: string[]; sheet?: string } = {},
): Promise<ExportFile> {
  const name = title.replace(/[\\/:*?"<>|]/g, '_')
  if (format === 'csv') {
    const csv = stringify([header, ...rows].map((r) => r.map(csvCell)), { bom: true })
    return { filename: `${name}.csv`, mimeType: 'text/csv; charset=utf-8', base64: Buffer.from(csv, 'utf8').toString('base64'), rows: rows.length }
  }
  const book = new (await excel()).Workbook()
  const sheet = book.addWorksheet((opts.sheet ?? name).slice(0, 31))
  for (const line of opts.preface ?? []) sheet.addRow([line])
  sheet.addRow(header).font = { bold: true }
  for (const r of rows) sheet.addRow(r)
  sheet.columns.forEach((c, i) => (c.width = i < 2 ? 18 : 14))
  const buffer = await book.xlsx.writeBuffer()
  return {
    filename: `${name}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: Buffer.from(buffer as ArrayBuffer).toString('base64'),
    rows: rows.length,
  }
}
