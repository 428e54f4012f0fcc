/**
 * Handing a file to the person in WeChat (src/utils/download.weapp.ts): an export arrives as base64,
 * is written under the user data folder, then opened (Excel) or sent as a chat message (CSV). The
 * pages show what `saveFile` resolves to as a toast, and a failure through `toastError`.
 */
import Taro, { fake, wxError, type Options } from '../../helpers/fakeTaro'
import { saveFile } from '../../../src/utils/download.weapp'
import { toastError, toastInfo } from '../../../src/utils/feedback'

jest.mock('@tarojs/taro', () => jest.requireActual('../../helpers/fakeTaro'))

const XLSX = { filename: '签到记录-党建知识宣讲.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: 'UEsDBBQAAAAIAA==' }
const CSV = { filename: '签到记录-党建知识宣讲.csv', mimeType: 'text/csv', base64: '77u/5aeT5ZCNLOWNleS9jQ0K' }

/** As the attendance and stats pages do it: the note as a toast, a failure as an error toast. */
async function exportAs(file: typeof XLSX): Promise<string[]> {
  try {
    toastInfo(await saveFile(file))
  } catch (e) {
    toastError(e)
  }
  await new Promise((r) => setTimeout(r, 0))
  return fake.toasts()
}

/** The file system: written files by path. */
let written: Map<string, { data: unknown; encoding: unknown }>
beforeEach(() => {
  fake.reset()
  written = new Map()
  // Writing takes a moment; WeChat opens or shares only a file that is there.
  fake.on('fs.writeFile', async (o: Options) => {
    await new Promise((r) => setTimeout(r, 5))
    written.set(String(o.filePath), { data: o.data, encoding: o.encoding })
  })
  const existing = (api: string) => (o: Options) => {
    if (!written.has(String(o.filePath))) throw wxError(`${api}:fail file not exist`)
    return { errMsg: `${api}:ok` }
  }
  fake.on('openDocument', existing('openDocument'))
  fake.on('shareFileMessage', existing('shareFileMessage'))
})

test('Excel: the bytes are written as base64 under USER_DATA_PATH, then opened with the forward/save menu', async () => {
  expect(await exportAs(XLSX)).toEqual(['已打开 签到记录-党建知识宣讲.xlsx'])
  const path = 'wxfile://usr/签到记录-党建知识宣讲.xlsx'
  expect(written.get(path)).toEqual({ data: XLSX.base64, encoding: 'base64' })
  expect(fake.sent('openDocument')).toEqual([{ filePath: path, fileType: 'xlsx', showMenu: true }])
  expect(fake.calls().map((c) => c.api).filter((a) => a !== 'showToast')).toEqual(['fs.writeFile', 'openDocument'])
  expect(fake.sent('shareFileMessage')).toEqual([])
})

test('the folder is the one WeChat reports in env.USER_DATA_PATH', async () => {
  Taro.env.USER_DATA_PATH = 'http://usr'
  await saveFile(XLSX)
  expect([...written.keys()]).toEqual(['http://usr/签到记录-党建知识宣讲.xlsx'])
})

test('CSV (WeChat cannot preview it): written, then offered as a chat message', async () => {
  expect(await exportAs(CSV)).toEqual(['已发送 签到记录-党建知识宣讲.csv'])
  const path = 'wxfile://usr/签到记录-党建知识宣讲.csv'
  expect(written.get(path)).toEqual({ data: CSV.base64, encoding: 'base64' })
  expect(fake.sent('shareFileMessage')).toEqual([{ filePath: path, fileName: CSV.filename }])
  expect(fake.sent('openDocument')).toEqual([])
})

test('CSV, and the person closes the share sheet: saved, and told to use the Excel export to view it', async () => {
  fake.on('shareFileMessage', () => {
    throw wxError('shareFileMessage:fail cancel')
  })
  expect(await exportAs(CSV)).toEqual(['已保存 签到记录-党建知识宣讲.csv，可改用“导出 Excel”在手机上查看'])
})

test('writing fails (storage full): a Chinese message naming the failure, nothing opened', async () => {
  fake.on('fs.writeFile', () => {
    throw wxError('writeFile:fail the maximum size of the file storage limit is exceeded')
  })
  const toasts = await exportAs(XLSX)
  expect(toasts).toEqual(['文件保存失败：writeFile:fail the maximum size of the file storage limit is exceeded'])
  expect(fake.sent('openDocument')).toEqual([])
})

test('opening fails: saveFile rejects, and the person sees a Chinese failure, not a success note', async () => {
  fake.on('openDocument', () => {
    throw wxError('openDocument:fail filetype not supported')
  })
  await expect(saveFile(XLSX)).rejects.toEqual(wxError('openDocument:fail filetype not supported'))
  const toasts = await exportAs(XLSX)
  expect(toasts).toHaveLength(1)
  expect(toasts[0]).not.toContain('已打开')
  // Chinese, without WeChat's internals (today the generic 操作失败，请稍后再试).
  expect(toasts[0]).toMatch(/^[^a-z]*[\u4e00-\u9fa5]/i)
  expect(toasts[0]).not.toContain('openDocument:fail')
})
