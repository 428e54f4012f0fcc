import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Switch } from '@nutui/nutui-react-taro'
import { ROSTER_FILE_MAX_BYTES } from '@cloud/contract/limits'
import { ROSTER_HEADERS, ROSTER_REQUIRED, TEMPLATE_HEADER } from '@cloud/domain/roster'
import StateView from '../../components/StateView'
import Dialog from '../../components/Dialog'
import { useSignedIn } from '../../hooks/useSignedIn'
import { ApiError } from '../../services/api'
import { importRoster, rosterErrorsOf, rosterTemplate, type RosterError, type RosterSummary } from '../../services/member'
import { saveFile } from '../../utils/download'
import { toastError, toastInfo, toastOk } from '../../utils/feedback'
import { ADMIN, goLogin } from '../../utils/nav'
import { pickFile, type PickedFile } from '../../utils/pickFile'
import { extensionOf, fmtBytes } from '../../utils/pickFile.types'
import { isAdmin } from '@cloud/domain/roles'
import { useAdminScope } from '../shared/scope'
import Progress from './Progress'
import RowErrors from './RowErrors'
import Summary from './Summary'
import { useFontClass } from '../../utils/fontMode'
import './index.scss'

/** The most the server takes in one call: say "too large" before reading a byte rather than after uploading it. */
const MAX_BYTES = ROSTER_FILE_MAX_BYTES
/** The template's header, and the columns that must be there, as the server reads a roster. */
const HEADER = TEMPLATE_HEADER.join('、')
const REQUIRED = ROSTER_REQUIRED.map((k) => ROSTER_HEADERS[k][0]).join('、')

type Busy = 'reading' | 'checking' | 'importing'

interface Refusal {
  title: string
  message: string
  errors: RosterError[] | null
}

/** 花名册导入: choose a file, check it (nothing written), then import it, all or nothing. */
export default function ImportPage() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const me = session?.member ?? null
  const allowed = !!me && isAdmin(me)
  const scope = useAdminScope(allowed ? me : null)
  const [file, setFile] = useState<PickedFile | null>(null)
  const [chosen, setChosen] = useState<{ name: string; size: number } | null>(null)
  const [busy, setBusy] = useState<Busy | null>(null)
  const [readFraction, setReadFraction] = useState<number | null>(null)
  const [seconds, setSeconds] = useState(0)
  const [deactivateMissing, setDeactivateMissing] = useState(false)
  const [checked, setChecked] = useState<RosterSummary | null>(null)
  const [imported, setImported] = useState<RosterSummary | null>(null)
  const [refusal, setRefusal] = useState<Refusal | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [template, setTemplate] = useState<'csv' | 'xlsx' | null>(null)

  // Seconds waited for the server, so a long import visibly is still going (run() starts them at 0).
  useEffect(() => {
    if (busy !== 'checking' && busy !== 'importing') return
    const started = Date.now()
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000)
    return () => clearInterval(timer)
  }, [busy])

  if (!me) return null
  if (!allowed)
    return (
      <StateView loading={false} error={new Error('花名册导入仅对单位管理员和市直机关工委开放')} empty emptyText=''>
        {null}
      </StateView>
    )

  const shownFile = file ?? chosen

  async function choose() {
    try {
      const picked = await pickFile({
        extensions: ['csv', 'xlsx'],
        maxBytes: MAX_BYTES,
        // Reading starts once a file is chosen; a cancelled chooser leaves the page as it was.
        onChosen: (c) => {
          setRefusal(null)
          setChosen(c)
          setFile(null)
          setChecked(null)
          setImported(null)
          setReadFraction(0)
          setBusy('reading')
        },
        onProgress: setReadFraction,
      })
      if (picked) setFile(picked)
    } catch (e) {
      setFile(null)
      setChosen(null)
      setChecked(null)
      setImported(null)
      setRefusal({ title: '未上传，未导入任何数据', message: e instanceof Error ? e.message : '无法读取文件，请重新选择', errors: null })
    } finally {
      setBusy(null)
      setReadFraction(null)
    }
  }

  /** One run of the import: a check (`dryRun`) or the real thing. */
  async function run(dryRun: boolean) {
    if (!file) return
    setRefusal(null)
    setSeconds(0)
    setBusy(dryRun ? 'checking' : 'importing')
    try {
      const format = extensionOf(file.name) === 'xlsx' ? 'xlsx' : 'csv'
      const result = await importRoster({ format, file: file.base64, dryRun, deactivateMissing })
      if (dryRun) setChecked(result.summary)
      else {
        setImported(result.summary)
        setChecked(null)
        toastOk('导入完成')
      }
    } catch (e) {
      if (e instanceof ApiError && e.code === 'UNAUTHENTICATED') return void goLogin()
      setChecked(null)
      setRefusal(refusalOf(e, dryRun, file.size))
    } finally {
      setBusy(null)
      setConfirming(false)
    }
  }

  async function downloadTemplate(format: 'csv' | 'xlsx') {
    setTemplate(format)
    try {
      toastInfo(await saveFile(await rosterTemplate(format)))
    } catch (e) {
      toastError(e)
    } finally {
      setTemplate(null)
    }
  }

  const units = scope.units.map((u) => u.name).join('、')
  return (
    <View className={`roster-import ${fontClass}`}>
      <View className='roster-import__card'>
        <Text className='roster-import__step'>1 选择花名册文件</Text>
        <Text className='roster-import__hint'>
          CSV（UTF-8）或 Excel（.xlsx），不超过 {fmtBytes(MAX_BYTES)}。第一行为表头：{HEADER}；{REQUIRED}必填。
          {process.env.TARO_ENV === 'weapp' ? '小程序只能选择微信聊天中的文件，可先在电脑上把文件发送到“文件传输助手”。' : ''}
        </Text>
        {!scope.city && units && <Text className='roster-import__hint'>您可以导入的单位：{units}</Text>}
        <Button type='primary' block disabled={!!busy} data-testid='pick-file' onClick={() => void choose()}>
          {shownFile ? '重新选择文件' : '选择文件'}
        </Button>
        {shownFile && (
          <View className='roster-import__file' data-testid='file-info'>
            <Text className='roster-import__file-name'>{shownFile.name}</Text>
            <Text className='roster-import__file-size'>{fmtBytes(shownFile.size)}</Text>
          </View>
        )}
        {busy === 'reading' && <Progress label='正在读取文件' fraction={readFraction} />}
        <View className='roster-import__templates'>
          <Text className='roster-import__hint'>没有模板？</Text>
          <Button size='small' loading={template === 'csv'} disabled={!!template} data-testid='template-csv' onClick={() => void downloadTemplate('csv')}>
            下载 CSV 模板
          </Button>
          <Button size='small' loading={template === 'xlsx'} disabled={!!template} data-testid='template-xlsx' onClick={() => void downloadTemplate('xlsx')}>
            下载 Excel 模板
          </Button>
        </View>
      </View>

      <View className='roster-import__card'>
        <View className='roster-import__switch'>
          <Text className='roster-import__switch-label'>文件中没有的本单位人员标记为离开</Text>
          <Switch
            checked={deactivateMissing}
            disabled={!!busy}
            data-testid='deactivate-switch'
            onChange={(v) => {
              setDeactivateMissing(v)
              // The check counted departures for the other setting: check again before importing.
              setChecked(null)
            }}
          />
        </View>
        <Text className='roster-import__hint'>
          {deactivateMissing
            ? '文件中出现的单位里，不在文件中的在册人员将标记为“离开”：不能再登录，签到记录保留，重新导入即可恢复。'
            : '只新增和更新文件中的人员，其他人员保持不变。'}
        </Text>
      </View>

      <View className='roster-import__card'>
        <Text className='roster-import__step'>2 检查并导入</Text>
        <Text className='roster-import__hint'>“检查”只核对文件、不写入任何数据；检查通过后才能导入。有任何一行不合格，整个文件都不会导入。</Text>
        <View className='roster-import__actions'>
          <Button className='roster-import__action' block disabled={!file || !!busy} loading={busy === 'checking'} data-testid='check' onClick={() => void run(true)}>
            检查
          </Button>
          <Button
            className='roster-import__action'
            type='primary'
            block
            disabled={!checked || !!busy}
            loading={busy === 'importing'}
            data-testid='import'
            onClick={() => (checked && checked.deactivated > 0 ? setConfirming(true) : void run(false))}
          >
            导入
          </Button>
        </View>
        {busy === 'checking' && shownFile && <Progress label={`正在上传并检查（${fmtBytes(shownFile.size)}）`} fraction={null} seconds={seconds} />}
        {busy === 'importing' && <Progress label={`正在导入 ${checked?.rows ?? ''} 行，请不要离开此页`} fraction={null} seconds={seconds} />}
        {checked && !busy && (
          <>
            <Summary summary={checked} title='检查通过，尚未导入' />
            <Text className='roster-import__hint'>确认无误后点击“导入”。</Text>
          </>
        )}
        {imported && (
          <View className='roster-import__done' data-testid='import-done'>
            <Summary summary={imported} title='已导入' />
            <Text className='roster-import__hint'>新增人员的登录码可在“花名册与登录码”中查看和打印。</Text>
            <View className='roster-import__actions'>
              <Button className='roster-import__action' block data-testid='to-audit' onClick={() => Taro.navigateTo({ url: ADMIN.audit })}>
                操作记录
              </Button>
              <Button className='roster-import__action' type='primary' block data-testid='to-roster' onClick={() => Taro.navigateTo({ url: ADMIN.roster() })}>
                查看花名册
              </Button>
            </View>
          </View>
        )}
        {refusal && <RowErrors title={refusal.title} message={refusal.message} errors={refusal.errors} />}
      </View>

      <Dialog
        open={confirming && !!checked}
        title='导入并停用人员'
        subtitle={`将有 ${checked?.deactivated ?? 0} 人标记为离开（记录保留，可重新导入恢复）。确定导入吗？`}
        confirmText='导入'
        danger
        busy={busy === 'importing'}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void run(false)}
      />
    </View>
  )
}

/** WeChat advises against call payloads over about 100 KB; larger rosters travel better from the web. */
const WEAPP_EASY_BYTES = 100 * 1024

/** Why the server refused, in words that say whether anything was written. */
function refusalOf(e: unknown, dryRun: boolean, size: number): Refusal {
  const errors = rosterErrorsOf(e)
  let message = e instanceof Error && e.message ? e.message : '操作失败，请稍后再试'
  if (!errors && process.env.TARO_ENV === 'weapp' && size > WEAPP_EASY_BYTES && (!(e instanceof ApiError) || e.code === 'INTERNAL'))
    message = `${message}。小程序上传较大的文件可能失败，可在电脑上打开网页端导入，或把文件拆分成几个较小的文件`
  if (errors || dryRun || (e instanceof ApiError && e.code !== 'INTERNAL')) return { title: '未导入任何数据', message, errors }
  // No answer (network) or a server fault: a check wrote nothing anyway; an import may or may not have landed.
  return { title: '导入结果未确认', message: `${message}。可再次“检查”确认：已导入的人员会显示为“不变”。`, errors: null }
}
