/**
 * The mini-program's scanner (src/utils/scan.ts, the home page's 扫码签到): WeChat's camera reads the
 * organizer's QR code, and the check-in page opens with the activity and the token. Taro is the fake.
 */
import { fake, wxError } from '../../helpers/fakeTaro'
import { linkFromPageParams } from '../../../src/utils/checkinLink'
import { scanToCheckIn } from '../../../src/utils/scan'

jest.mock('@tarojs/taro', () => jest.requireActual('../../helpers/fakeTaro'))

const ACTIVITY = 'NLZO9_1Xl8dm'
const TOKEN = '1z9x9t.sYqVTVI-NAobql0ziJQifF'
const QR_TEXT = `https://dangjian.example.gov.cn/pages/checkin/index?a=${ACTIVITY}&t=${TOKEN}`

const scanned = (result: string) => fake.on('scanCode', () => ({ result, scanType: 'QR_CODE', charSet: 'utf-8', errMsg: 'scanCode:ok' }))
const failsWith = (errMsg: string) =>
  fake.on('scanCode', () => {
    throw wxError(errMsg)
  })
/** A page's options as WeChat hands them to it: the query of the URL it was opened with. */
const paramsOf = (url: string) => Object.fromEntries((url.split('?')[1] ?? '').split('&').map((kv) => kv.split('=') as [string, string]))

beforeEach(() => fake.reset())

test('a check-in QR code opens the check-in page with the activity and the token, quietly', async () => {
  scanned(QR_TEXT)
  await scanToCheckIn()
  expect(fake.sent('scanCode')).toEqual([{ onlyFromCamera: true, scanType: ['qrCode'] }])
  const opened = fake.sent('navigateTo').map((o) => String(o.url))
  expect(opened).toEqual([`/pages/checkin/index?a=${ACTIVITY}&t=${TOKEN}`])
  // What the check-in page reads from its options is exactly what the code carried.
  expect(linkFromPageParams(paramsOf(opened[0]))).toEqual({ activityId: ACTIVITY, token: TOKEN })
  expect(fake.toasts()).toEqual([])
})

test('a relative link (no PUBLIC_URL at build time) is ours too', async () => {
  scanned(`/pages/checkin/index?a=${ACTIVITY}&t=${TOKEN}`)
  await scanToCheckIn()
  expect(fake.sent('navigateTo')).toEqual([{ url: `/pages/checkin/index?a=${ACTIVITY}&t=${TOKEN}` }])
})

test('closing the scanner (scanCode:fail cancel) is a quiet cancel: no message, no page', async () => {
  failsWith('scanCode:fail cancel')
  await scanToCheckIn()
  expect(fake.toasts()).toEqual([])
  expect(fake.sent('navigateTo')).toEqual([])
})

test.each([
  ['a product barcode', '6901234567892'],
  ['another site', 'https://mp.weixin.qq.com/s/abcdef'],
  ['our check-in page without a token', `https://dangjian.example.gov.cn/pages/checkin/index?a=${ACTIVITY}`],
])('%s is refused with a clear message, and no page opens', async (_what, text) => {
  scanned(text)
  await scanToCheckIn()
  expect(fake.toasts()).toEqual(['这不是本系统的签到二维码'])
  expect(fake.sent('navigateTo')).toEqual([])
})

test('the camera is not allowed: the person is told to check the camera permission', async () => {
  failsWith('scanCode:fail auth deny')
  await scanToCheckIn()
  expect(fake.toasts()).toEqual(['无法打开扫码，请检查相机权限'])
  expect(fake.sent('navigateTo')).toEqual([])
})

test('scanning again from a check-in page whose code was spent replaces that page, so 返回 does not lead back to it', async () => {
  scanned(QR_TEXT)
  await scanToCheckIn({ replace: true })
  expect(fake.sent('redirectTo')).toEqual([{ url: `/pages/checkin/index?a=${ACTIVITY}&t=${TOKEN}` }])
  expect(fake.sent('navigateTo')).toEqual([])
})
