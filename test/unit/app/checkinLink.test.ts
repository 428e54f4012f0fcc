import { checkInPagePath, linkFromPageParams, parseCheckInLink } from '../../../src/utils/checkinLink'

const URL_ = 'https://dangjian.example.gov.cn/pages/checkin/index?a=NLZO9_1Xl8dm&t=1z9x9t.sYqVTVI-NAobql0ziJQifF'

test('a scanned check-in URL gives the activity and the token', () => {
  expect(parseCheckInLink(URL_)).toEqual({ activityId: 'NLZO9_1Xl8dm', token: '1z9x9t.sYqVTVI-NAobql0ziJQifF' })
  expect(parseCheckInLink(`  ${URL_}#top `)).toEqual({ activityId: 'NLZO9_1Xl8dm', token: '1z9x9t.sYqVTVI-NAobql0ziJQifF' })
})

test('other codes are not ours', () => {
  expect(parseCheckInLink('https://example.com/?a=1&t=2')).toBeNull()
  expect(parseCheckInLink('https://x.cn/pages/checkin/index?a=1')).toBeNull()
  expect(parseCheckInLink('6901234567892')).toBeNull()
  expect(parseCheckInLink(`https://x.cn/pages/checkin/index?a=${'x'.repeat(41)}&t=1.2`)).toBeNull()
})

test('a plain-link QR opens the page with the whole URL in q', () => {
  expect(linkFromPageParams({ q: encodeURIComponent(URL_) })).toEqual({ activityId: 'NLZO9_1Xl8dm', token: '1z9x9t.sYqVTVI-NAobql0ziJQifF' })
  expect(linkFromPageParams({ a: 'A1', t: 'T1' })).toEqual({ activityId: 'A1', token: 'T1' })
  expect(linkFromPageParams({ q: '%E0%A4%A' })).toBeNull()
  expect(linkFromPageParams({})).toBeNull()
})

test('the page path round-trips', () => {
  const link = { activityId: 'a b', token: 'x.y' }
  expect(parseCheckInLink(`https://h${checkInPagePath(link)}`)).toEqual(link)
})
