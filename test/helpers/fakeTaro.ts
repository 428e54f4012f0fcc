/**
 * A hand-written stand-in for `@tarojs/taro` as the WeChat (weapp) build sees it, so the app's weapp
 * code runs in Node without the Taro runtime. It records every call (`fake.calls`, `fake.sent`) and
 * answers each API the way WeChat does: a promise that resolves with the result, or rejects with
 * WeChat's error object `{ errMsg: '<api>:fail …', errCode? }` (`wxError`), calling `success` /
 * `fail` / `complete` callbacks when given. Device APIs (scanCode, getLocation, chooseMessageFile,
 * the file system, cloud.callFunction …) have no default answer: a test says what the phone does
 * with `fake.on(api, handler)`; an unanswered one rejects with `<api>:fail no fake answer`.
 *
 * Unit tests:  jest.mock('@tarojs/taro', () => jest.requireActual('../../helpers/fakeTaro'))
 * A child Node process (test/contract/wechatJourney.runner.ts) resolves '@tarojs/taro' to this file.
 *
 * Also here: plain-DOM stand-ins for the few Taro and NutUI components a page under test renders, and
 * `mountInDom`, which renders a page with react-dom into a jsdom document (jest only).
 */
import { act, createElement, type ReactNode } from 'react'
import Module from 'node:module'

/** WeChat's failure object (what `fail` receives and a promise API rejects with). */
export interface WxError {
  errMsg: string
  errCode?: number
}
export const wxError = (errMsg: string, errCode?: number): WxError => (errCode === undefined ? { errMsg } : { errMsg, errCode })

type Callback = (res: unknown) => void
export type Options = Record<string, unknown> & { success?: Callback; fail?: Callback; complete?: Callback }
/** What the phone does for one API: return (or resolve) the result, or throw a `wxError`. */
export type Handler = (options: Options) => unknown

export interface TaroCall {
  api: string
  options: Options
}

const calls: TaroCall[] = []
const handlers = new Map<string, Handler>()
const launchHooks: (() => void)[] = []
/** One storage per phone; `fake.usePhone` switches (the journey has an organizer's and a member's phone). */
const phones = new Map<string, Map<string, unknown>>()
let storage = new Map<string, unknown>()
let router: { path: string; params: Record<string, string | undefined> } = { path: '/pages/index/index', params: {} }

const ok = (api: string) => () => ({ errMsg: `${api}:ok` })
/** What the phone does unasked: pages open, toasts show; every device API must be answered by the test. */
const DEFAULTS: Record<string, Handler> = {
  navigateTo: ok('navigateTo'),
  redirectTo: ok('redirectTo'),
  reLaunch: ok('reLaunch'),
  switchTab: ok('switchTab'),
  navigateBack: ok('navigateBack'),
  showToast: ok('showToast'),
  hideToast: ok('hideToast'),
  showLoading: ok('showLoading'),
  hideLoading: ok('hideLoading'),
}

function settle(api: string, options: Options): Promise<unknown> {
  calls.push({ api, options })
  const handler = handlers.get(api) ?? DEFAULTS[api] ?? (() => Promise.reject(wxError(`${api}:fail no fake answer`)))
  return Promise.resolve()
    .then(() => handler(options))
    .then(
      (res) => {
        options.success?.(res)
        options.complete?.(res)
        return res
      },
      (err: unknown) => {
        options.fail?.(err)
        options.complete?.(err)
        throw err
      },
    )
}

/** A promise API (`Taro.scanCode(options)`): the promise and the callbacks both report. */
const promiseApi =
  (api: string) =>
  (options: Options = {}) =>
    settle(api, options)

/** A callback-only API (the file system manager's methods): returns nothing, reports through callbacks. */
const callbackApi =
  (api: string) =>
  (options: Options = {}): void =>
    void settle(api, options).catch(() => undefined)

const syncApi = (api: string, run: (...args: unknown[]) => unknown) => (...args: unknown[]) => {
  calls.push({ api, options: { args } })
  return run(...args)
}

const Taro = {
  env: { USER_DATA_PATH: 'wxfile://usr' } as Record<string, string | undefined>,
  cloud: {
    init: syncApi('cloud.init', () => undefined),
    callFunction: promiseApi('cloud.callFunction'),
  },
  getFileSystemManager: () => ({
    writeFile: callbackApi('fs.writeFile'),
    readFile: callbackApi('fs.readFile'),
  }),
  scanCode: promiseApi('scanCode'),
  getLocation: promiseApi('getLocation'),
  chooseMessageFile: promiseApi('chooseMessageFile'),
  chooseImage: promiseApi('chooseImage'),
  compressImage: promiseApi('compressImage'),
  openDocument: promiseApi('openDocument'),
  shareFileMessage: promiseApi('shareFileMessage'),
  requestSubscribeMessage: promiseApi('requestSubscribeMessage'),
  navigateTo: promiseApi('navigateTo'),
  redirectTo: promiseApi('redirectTo'),
  reLaunch: promiseApi('reLaunch'),
  switchTab: promiseApi('switchTab'),
  navigateBack: promiseApi('navigateBack'),
  showToast: promiseApi('showToast'),
  hideToast: promiseApi('hideToast'),
  showLoading: promiseApi('showLoading'),
  hideLoading: promiseApi('hideLoading'),
  // Waits for the person's tap: a test says which (`fake.on('showModal', () => ({ confirm: true }))`).
  showModal: promiseApi('showModal'),
  // WeChat's sync storage: a missing key reads as ''.
  getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: syncApi('setStorageSync', (key, value) => void storage.set(String(key), value)),
  removeStorageSync: syncApi('removeStorageSync', (key) => void storage.delete(String(key))),
  getCurrentInstance: () => ({ router }),
}

export default Taro
export const useLaunch = (hook: () => void) => void launchHooks.push(hook)
export const useRouter = () => router
// A page the tests render is shown once: nothing comes back to it.
export const useDidShow = (_hook: () => void): void => undefined
export const getCurrentInstance = Taro.getCurrentInstance

/** Without the callbacks: what the app asked for. */
const withoutCallbacks = (o: Options) => Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v !== 'function'))

/** The controls a test holds. */
export const fake = {
  /** What the phone does when the app calls `api` (`'scanCode'`, `'cloud.callFunction'`, `'fs.writeFile'` …). */
  on(api: string, handler: Handler) {
    handlers.set(api, handler)
  },
  /**
   * CloudBase's side of `cloud.callFunction({ name, data })`: `main(name, data)` is what the function
   * returns, and the promise resolves as WeChat's does, `{ result, errMsg: 'cloud.callFunction:ok', requestID }`.
   * A `main` that throws makes the call reject (throw a `wxError` with CloudBase's errCode).
   */
  answerCloud(main: (name: string, data: Record<string, unknown>) => unknown) {
    let n = 0
    handlers.set('cloud.callFunction', async (o) => ({
      result: await main(String(o.name), (o.data ?? {}) as Record<string, unknown>),
      errMsg: 'cloud.callFunction:ok',
      requestID: `fake-request-${++n}`,
    }))
  },
  /** The calls made so far, in order; of one API when named. */
  calls(api?: string): TaroCall[] {
    return api ? calls.filter((c) => c.api === api) : [...calls]
  },
  /** The options of each call of `api`, callbacks left out. */
  sent(api: string): Record<string, unknown>[] {
    return calls.filter((c) => c.api === api).map((c) => withoutCallbacks(c.options))
  },
  /** The titles of the toasts shown so far. */
  toasts(): string[] {
    return calls.filter((c) => c.api === 'showToast').map((c) => String(c.options.title))
  },
  /** Forget calls, answers, launch hooks, storage and the current page. */
  reset() {
    calls.length = 0
    handlers.clear()
    launchHooks.length = 0
    phones.clear()
    storage = new Map()
    router = { path: '/pages/index/index', params: {} }
    Taro.env.USER_DATA_PATH = 'wxfile://usr'
  },
  /** The page the app is on (what `useRouter` and `getCurrentInstance().router` report). */
  openPage(path: string, params: Record<string, string | undefined> = {}) {
    router = { path, params }
  },
  /** Runs the `useLaunch` hooks the app registered, as WeChat does once on launch. */
  launch() {
    for (const hook of launchHooks) hook()
  },
  /** Switch to another phone's storage (created empty on first use). */
  usePhone(name: string) {
    if (!phones.has(name)) phones.set(name, new Map())
    storage = phones.get(name)!
  },
  storage: {
    get: (key: string) => storage.get(key),
    set: (key: string, value: unknown) => void storage.set(key, value),
  },
}

// ---------------------------------------------------------------------------------------------
// Components: plain DOM elements carrying what a test reads (class, text, data-*, clicks).
// ---------------------------------------------------------------------------------------------
type Props = Record<string, unknown> & { children?: ReactNode }
const domProps = (p: Props) =>
  Object.fromEntries(Object.entries(p).filter(([k]) => k === 'className' || k === 'onClick' || k === 'id' || k.startsWith('data-')))
const element = (tag: string) =>
  function Element(p: Props) {
    return createElement(tag, domProps(p), p.children)
  }

/** `@tarojs/components`, the ones pages under test use. */
export const taroComponents = { View: element('div'), Text: element('span'), Image: element('img'), Input: element('input') }

/** `@nutui/nutui-react-taro`'s Button, Loading and TextArea. */
export const nutuiComponents = {
  Button: (p: Props) =>
    createElement('button', { ...domProps(p), 'data-type': p.type ?? 'default', disabled: !!p.disabled }, p.children),
  Loading: () => createElement('span', { className: 'loading' }),
  TextArea: (p: Props) =>
    createElement('textarea', {
      ...domProps(p),
      value: String(p.value ?? ''),
      onChange: (e: { target: { value: string } }) => (p.onChange as ((v: string) => void) | undefined)?.(e.target.value),
    }),
}

// ---------------------------------------------------------------------------------------------
// Rendering into jsdom (jest only: react-dom must be jest's copy, the one sharing the page's React).
// ---------------------------------------------------------------------------------------------
interface Root {
  render(node: ReactNode): void
  unmount(): void
}
interface JsdomModule {
  JSDOM: new (html: string, options?: { url?: string; pretendToBeVisual?: boolean }) => { window: Window & typeof globalThis }
}
let domWindow: (Window & typeof globalThis) | null = null

function ensureDom(): Window & typeof globalThis {
  if (domWindow) return domWindow
  // jsdom is loaded by Node itself (nothing in it needs jest's registry).
  const { JSDOM } = Module.createRequire(__filename)('jsdom') as JsdomModule
  const { window } = new JSDOM('<!doctype html><html><body></body></html>', { url: 'https://servicewechat.com/', pretendToBeVisual: true })
  const g = globalThis as Record<string, unknown>
  for (const key of ['window', 'document', 'navigator', 'HTMLElement', 'Node', 'Event', 'MouseEvent'] as const)
    Object.defineProperty(g, key, { value: key === 'window' ? window : window[key], configurable: true, writable: true })
  g.IS_REACT_ACT_ENVIRONMENT = true
  domWindow = window
  return window
}

export interface Mounted {
  /** All text on the page, as the person reads it. */
  text(): string
  /** The element with `data-testid`, or null. */
  byTestId(id: string): HTMLElement | null
  /** The buttons' labels. */
  buttons(): string[]
  /** Tap the button with this label. */
  tap(label: string): Promise<void>
  /** Let answers arrive until `done()` holds (or fail after a while, with the page's text). */
  waitFor(done: () => boolean, what: string): Promise<void>
  unmount(): void
}

/** Renders a page (or any element) into a fresh container of a jsdom document. */
export async function mountInDom(node: ReactNode): Promise<Mounted> {
  const window = ensureDom()
  const { createRoot } = jest.requireActual<{ createRoot(el: Element): Root }>('react-dom/client')
  const container = window.document.createElement('div')
  window.document.body.appendChild(container)
  const root = createRoot(container)
  await act(async () => root.render(node))
  const flush = () => act(async () => void (await new Promise((r) => setTimeout(r, 0))))
  const buttons = () => Array.from(container.querySelectorAll('button'))
  return {
    text: () => container.textContent ?? '',
    byTestId: (id) => container.querySelector(`[data-testid="${id}"]`),
    buttons: () => buttons().map((b) => b.textContent ?? ''),
    async tap(label) {
      const button = buttons().find((b) => b.textContent === label)
      if (!button) throw new Error(`no button “${label}” on the page: ${container.textContent}`)
      await act(async () => void button.dispatchEvent(new window.MouseEvent('click', { bubbles: true })))
      await flush()
    },
    async waitFor(done, what) {
      for (let i = 0; i < 50 && !done(); i++) await flush()
      if (!done()) throw new Error(`waited for ${what}; the page shows: ${container.textContent}`)
    },
    unmount() {
      act(() => root.unmount())
      container.remove()
    },
  }
}
