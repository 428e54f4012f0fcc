/**
 * Choosing a roster file in WeChat (src/utils/pickFile.weapp.ts): a mini-program picks from chat
 * files (chooseMessageFile), checks type and size before reading, then reads the file as base64.
 * The import page shows a thrown error's message under “未上传，未导入任何数据”; null leaves it as it was.
 */
import { fake, wxError, type Options } from '../../helpers/fakeTaro'
import { pickFile } from '../../../src/utils/pickFile.weapp'
import { FileTooLargeError } from '../../../src/utils/pickFile.types'

jest.mock('@tarojs/taro', () => jest.requireActual('../../helpers/fakeTaro'))

const MAX = 2 * 1024 * 1024
const ROSTER = { name: '市委办公室花名册.xlsx', size: 18_432, path: 'wxfile://tmp_3f1c.xlsx', type: 'file', time: 1763600000 }
const BASE64 = 'UEsDBBQABgAIAAAAIQ=='

/** The chat file the person taps, and the file system that reads it. */
function phoneWith(file: typeof ROSTER | null) {
  fake.on('chooseMessageFile', () => ({ tempFiles: file ? [file] : [], errMsg: 'chooseMessageFile:ok' }))
  fake.on('fs.readFile', (o: Options) => {
    if (o.filePath !== ROSTER.path) throw wxError(`readFile:fail no such file or directory ${String(o.filePath)}`)
    return { data: BASE64 }
  })
}

/** What the page would show: the picked file, null (unchanged), or the refusal's message. */
async function choose(onChosen?: (f: { name: string; size: number }) => void) {
  try {
    return { picked: await pickFile({ extensions: ['csv', 'xlsx'], maxBytes: MAX, onChosen }) }
  } catch (e) {
    return { refused: e as Error }
  }
}

beforeEach(() => fake.reset())

test('one chat file of the allowed types, read whole as base64; the page hears its name and size first', async () => {
  phoneWith(ROSTER)
  const heard: unknown[] = []
  const { picked } = await choose((f) => heard.push({ ...f, readYet: fake.calls('fs.readFile').length > 0 }))
  expect(picked).toEqual({ name: ROSTER.name, size: ROSTER.size, base64: BASE64 })
  expect(fake.sent('chooseMessageFile')).toEqual([{ count: 1, type: 'file', extension: ['csv', 'xlsx'] }])
  expect(fake.sent('fs.readFile')).toEqual([{ filePath: ROSTER.path, encoding: 'base64' }])
  expect(heard).toEqual([{ name: ROSTER.name, size: ROSTER.size, readYet: false }])
})

test('closing the chooser is a quiet cancel: null, nothing read, no error', async () => {
  fake.on('chooseMessageFile', () => {
    throw wxError('chooseMessageFile:fail cancel')
  })
  expect(await choose()).toEqual({ picked: null })
  expect(fake.calls('fs.readFile')).toEqual([])
})

test('the chooser cannot open: a clear message, WeChat’s error kept as the cause', async () => {
  const failure = wxError('chooseMessageFile:fail api scope is not declared in the privacy agreement', 112)
  fake.on('chooseMessageFile', () => {
    throw failure
  })
  const { refused } = await choose()
  expect(refused?.message).toBe('无法打开聊天文件，请稍后再试')
  expect(refused?.cause).toBe(failure)
})

test.each([
  ['花名册.xls', '不支持旧版 Excel（.xls），请在 Excel 中另存为 .xlsx 后再选择'],
  ['合影.jpg', '请选择 .csv 或 .xlsx 文件'],
  ['花名册', '请选择 .csv 或 .xlsx 文件'],
])('a file of another type (%s) is refused before it is read: %s', async (name, message) => {
  phoneWith({ ...ROSTER, name })
  const { refused } = await choose()
  expect(refused?.message).toBe(message)
  expect(fake.calls('fs.readFile')).toEqual([])
})

test('a file over the limit is refused before it is read, with its size and the limit', async () => {
  phoneWith({ ...ROSTER, size: 5 * 1024 * 1024 })
  const { refused } = await choose()
  expect(refused).toBeInstanceOf(FileTooLargeError)
  expect(refused?.message).toBe('文件“市委办公室花名册.xlsx”有 5.0 MB，超过上限 2.0 MB，请按单位拆分成几个文件分批导入')
  expect(fake.calls('fs.readFile')).toEqual([])
})

test('an empty file is refused', async () => {
  phoneWith({ ...ROSTER, size: 0 })
  expect((await choose()).refused?.message).toBe('文件“市委办公室花名册.xlsx”是空的，请重新选择')
  expect(fake.calls('fs.readFile')).toEqual([])
})

test('no file in the answer: as if cancelled', async () => {
  phoneWith(null)
  expect(await choose()).toEqual({ picked: null })
})

test('reading fails (the chat file expired): a message naming the failure', async () => {
  phoneWith({ ...ROSTER, path: 'wxfile://tmp_gone.xlsx' })
  const { refused } = await choose()
  expect(refused?.message).toBe('读取文件失败：readFile:fail no such file or directory wxfile://tmp_gone.xlsx')
})
