/**
 * Files the API tests send and read: roster files in (CSV as Excel saves it, XLSX), exports out
 * (CSV with a BOM, XLSX), all base64 as the envelope carries them.
 */
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'

/** The header of the roster template, in its order. */
export const ROSTER_HEADER = ['党员编号', '姓名', '单位', '党支部', '出生日期', '手机号', '角色', '青年理论学习小组', '状态']

/** A roster as CSV (UTF-8 with BOM, as Excel saves it), base64. */
export const csvFile = (rows: (string | number)[][], header: string[] = ROSTER_HEADER): string =>
  Buffer.from(stringify([header, ...rows], { bom: true }), 'utf8').toString('base64')

/** A roster as an .xlsx workbook, base64. */
export async function xlsxFile(rows: (string | number)[][], header: string[] = ROSTER_HEADER): Promise<string> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('花名册')
  sheet.addRow(header)
  for (const r of rows) sheet.addRow(r)
  return Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer).toString('base64')
}

/** An exported CSV: UTF-8 with a BOM; returns whether the BOM is there and the parsed rows. */
export function readCsv(file: { base64: string }): { bom: boolean; rows: string[][] } {
  const bytes = Buffer.from(file.base64, 'base64')
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  return { bom, rows: parse(bytes.subarray(bom ? 3 : 0).toString('utf8')) as string[][] }
}

/** An exported XLSX: the first sheet's rows, cells as stored (numbers stay numbers). */
export async function readXlsx(file: { base64: string }): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer)
  const sheet = book.worksheets[0]
  const out: unknown[][] = []
  sheet.eachRow({ includeEmpty: true }, (row) => {
    out.push(Array.from((row.values as unknown[]).slice(1), (v) => v ?? ''))
  })
  return out
}

/** How the exports write a share: one decimal, as a percentage. */
export const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`

/** An exported XLSX workbook: every sheet's rows by sheet name, in the workbook's order. */
export async function readWorkbook(file: { base64: string }): Promise<Map<string, unknown[][]>> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer)
  const out = new Map<string, unknown[][]>()
  for (const sheet of book.worksheets) {
    const rows: unknown[][] = []
    sheet.eachRow({ includeEmpty: true }, (row) => {
      rows.push(Array.from((row.values as unknown[]).slice(1), (v) => v ?? ''))
    })
    out.set(sheet.name, rows)
  }
  return out
}
