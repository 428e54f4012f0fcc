import { parse } from 'csv-parse/sync'
import { fail } from '../../domain/errors'
import { ROSTER_ROWS_MAX } from '../../contract/limits'
import { ROSTER_HEADERS, ROSTER_REQUIRED, TEMPLATE_HEADER, type RosterRow } from '../../domain/roster'
import { excel, toFile, type ExportFile } from '../spreadsheet'

/** A spreadsheet cell as text; Excel dates become YYYY-MM-DD. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  if (typeof v === 'object') {
    const o = v as { text?: unknown; result?: unknown; richText?: { text: string }[] }
    if (o.richText) return o.richText.map((t) => t.text).join('')
    if (o.text !== undefined) return String(o.text)
    if (o.result !== undefined) return cellText(o.result)
  }
  return String(v)
}

async function readGrid(format: 'csv' | 'xlsx', file: Buffer): Promise<string[][]> {
  try {
    // Empty lines are kept (and skipped below) so row numbers match what Excel shows.
    if (format === 'csv') return parse(file, { bom: true, relax_column_count: true, trim: true }) as string[][]
    const book = new (await excel()).Workbook()
    await book.xlsx.load(file as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]
    if (!sheet) return []
    const grid: string[][] = []
    sheet.eachRow({ includeEmpty: true }, (row, n) => {
      const values = row.values as unknown[]
      grid[n - 1] = values.slice(1).map(cellText)
    })
    return Array.from(grid, (r) => r ?? [])
  } catch {
    return fail('BAD_INPUT', format === 'csv' ? '无法读取 CSV 文件，请确认是 UTF-8 编码的逗号分隔文件' : '无法读取 Excel 文件，请确认是 .xlsx 格式')
  }
}

/** Rows with their spreadsheet row numbers, columns found by header name wherever they stand. */
export async function readRoster(format: 'csv' | 'xlsx', base64: string): Promise<RosterRow[]> {
  const grid = await readGrid(format, Buffer.from(base64, 'base64'))
  const headerAt = grid.findIndex((r) => r.some((c) => ROSTER_HEADERS.name.includes(c.trim())))
  if (headerAt < 0) fail('BAD_INPUT', `找不到表头：第一行应包含 ${TEMPLATE_HEADER.join('、')}`)
  const header = grid[headerAt].map((c) => c.trim())
  const col = (aliases: string[]) => header.findIndex((h) => aliases.includes(h))
  const cols = Object.fromEntries(Object.entries(ROSTER_HEADERS).map(([k, aliases]) => [k, col(aliases)])) as Record<keyof typeof ROSTER_HEADERS, number>
  const missing = ROSTER_REQUIRED.filter((k) => cols[k] < 0).map((k) => ROSTER_HEADERS[k][0])
  if (missing.length) fail('BAD_INPUT', `表头缺少必填列：${missing.join('、')}`)
  const rows: RosterRow[] = []
  for (let i = headerAt + 1; i < grid.length; i++) {
    const r = grid[i]
    if (!r || r.every((c) => !c || !c.trim())) continue
    const get = (k: keyof typeof ROSTER_HEADERS) => (cols[k] >= 0 ? (r[cols[k]] ?? '').trim() : '')
    rows.push({
      row: i + 1,
      memberNo: get('memberNo'),
      name: get('name'),
      unit: get('unit'),
      branch: get('branch'),
      birthDate: get('birthDate'),
      phone: get('phone'),
      roles: cols.roles >= 0 ? get('roles') : null,
      youthGroup: get('youthGroup'),
      status: get('status'),
      idNumber: get('idNumber'),
      // Columns a file may lack: left out, the member keeps what is on file.
      ...(cols.partyGroup >= 0 ? { partyGroup: get('partyGroup') } : {}),
      ...(cols.partyStatus >= 0 ? { partyStatus: get('partyStatus') } : {}),
    })
  }
  if (rows.length === 0) fail('BAD_INPUT', '文件中没有数据行')
  if (rows.length > ROSTER_ROWS_MAX) fail('BAD_INPUT', `单次最多导入 ${ROSTER_ROWS_MAX} 行，请分批导入`)
  return rows
}

const EXAMPLE = [
  ['DY100001', '张三', '市委办公室', '秘书一处党支部', '1992-03-15', '13800000001', '党员', '市委办公室青年理论学习小组', '在册', '', '第一党小组', '预备党员', ''],
  ['DY100002', '李四', '市委办公室', '综合处党支部', '1975-08-02', '13800000002', '活动组织者', '', '在册', '', '', '正式党员', '县处级'],
]

export const rosterTemplate = (format: 'csv' | 'xlsx'): Promise<ExportFile> => toFile('花名册模板', format, TEMPLATE_HEADER, EXAMPLE, { sheet: '花名册' })
