/**
 * WeChat subscribe messages (src/utils/subscribe.weapp.ts): at a tap the app asks for the build's
 * templates (at most three, as WeChat allows), and reports only those the person accepted with
 * `notify.subscribed`, so the server knows it may send one of each. A refusal, a closed dialog or a
 * build without template ids reports nothing and never stops the tap's own work. The browser build
 * asks nothing. Through the fake Taro and the real weapp transport.
 */
import { fake, wxError, type Options } from '../../helpers/fakeTaro'
import { askSubscribe } from '../../../src/utils/subscribe.weapp'
import { askSubscribe as askInBrowser } from '../../../src/utils/subscribe.h5'
import { templateIds } from '../../../src/utils/subscribe.types'

jest.mock('@tarojs/taro', () => jest.requireActual('../../helpers/fakeTaro'))
jest.mock('../../../src/services/transport', () => jest.requireActual('../../../src/services/transport.weapp'))

const g = globalThis as Record<string, unknown>
const IDS = { activityReminder: 'tmpl-ACT-1', reviewResult: 'tmpl-REV-2', taskReminder: 'tmpl-TASK-3' }
const CONFIG = Object.entries(IDS)
  .map(([k, v]) => `${k}=${v}`)
  .join(',')

/** What the functions heard: `notify.subscribed` calls with their accepted templates. */
let reported: unknown[][]
let warn: jest.SpyInstance
beforeEach(() => {
  fake.reset()
  g.NOTIFY_TEMPLATES = CONFIG
  reported = []
  warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  fake.answerCloud((name, data) => {
    if (name === 'notify' && data.action === 'subscribed') {
      reported.push(data.accepted as unknown[])
      return { ok: true, data: { off: [], subscriptions: {} } }
    }
    return { ok: false, error: { code: 'NOT_FOUND', message: '无此操作' } }
  })
})
afterEach(() => {
  delete g.NOTIFY_TEMPLATES
  warn.mockRestore()
})

/** The person's answer to the dialog, per template id. */
const answer = (byId: Record<string, string>) => fake.on('requestSubscribeMessage', () => ({ errMsg: 'requestSubscribeMessage:ok', ...byId }))

test('the accepted templates are reported, the rejected and banned ones are not', async () => {
  answer({ [IDS.activityReminder]: 'accept', [IDS.reviewResult]: 'reject', [IDS.taskReminder]: 'ban' })
  await expect(askSubscribe(['activityReminder', 'reviewResult', 'taskReminder'])).resolves.toEqual(['activityReminder'])
  expect(fake.sent('requestSubscribeMessage')).toEqual([{ tmplIds: [IDS.activityReminder, IDS.reviewResult, IDS.taskReminder] }])
  expect(reported).toEqual([['activityReminder']])
})

test('all accepted: all reported in one call', async () => {
  answer({ [IDS.activityReminder]: 'accept', [IDS.reviewResult]: 'accept' })
  await expect(askSubscribe(['activityReminder', 'reviewResult'])).resolves.toEqual(['activityReminder', 'reviewResult'])
  expect(reported).toEqual([['activityReminder', 'reviewResult']])
})

test('everything rejected, or the dialog closed or refused: nothing is reported and nothing throws', async () => {
  answer({ [IDS.activityReminder]: 'reject', [IDS.reviewResult]: 'reject' })
  await expect(askSubscribe(['activityReminder', 'reviewResult'])).resolves.toEqual([])
  fake.on('requestSubscribeMessage', () => {
    throw wxError('requestSubscribeMessage:fail can only be invoked by user TAP gesture.', 20004)
  })
  await expect(askSubscribe(['taskReminder'])).resolves.toEqual([])
  expect(reported).toEqual([])
})

test('at most three templates in one request, each once', async () => {
  answer({})
  const many = ['activityReminder', 'activityReminder', 'reviewResult', 'taskReminder', 'reviewResult'] as const
  await askSubscribe(many)
  const asked = fake.sent('requestSubscribeMessage')[0].tmplIds as string[]
  expect(asked).toEqual([IDS.activityReminder, IDS.reviewResult, IDS.taskReminder])
  expect(asked.length).toBeLessThanOrEqual(3)
})

test('a build without template ids asks nothing; one without some asks only for the configured', async () => {
  g.NOTIFY_TEMPLATES = ''
  await expect(askSubscribe(['activityReminder'])).resolves.toEqual([])
  expect(fake.calls('requestSubscribeMessage')).toHaveLength(0)

  g.NOTIFY_TEMPLATES = `reviewResult=${IDS.reviewResult}`
  answer({ [IDS.reviewResult]: 'accept' })
  await expect(askSubscribe(['activityReminder', 'reviewResult'])).resolves.toEqual(['reviewResult'])
  expect((fake.calls('requestSubscribeMessage')[0].options as Options).tmplIds).toEqual([IDS.reviewResult])
})

test('the server unreachable when reporting: the tap goes on, nothing accepted counts', async () => {
  answer({ [IDS.activityReminder]: 'accept' })
  fake.answerCloud(() => {
    throw wxError('cloud.callFunction:fail request:fail', -1)
  })
  await expect(askSubscribe(['activityReminder'])).resolves.toEqual([])
})

test('template ids from the build constant: unknown names and blanks are left out', () => {
  expect(templateIds(' activityReminder=a1 , bogus=x,taskReminder= t3 ;reviewResult=')).toEqual({ activityReminder: 'a1', taskReminder: 't3' })
})

test('the browser build asks nothing', async () => {
  await expect(askInBrowser(['activityReminder'])).resolves.toEqual([])
  expect(fake.calls()).toHaveLength(0)
})
