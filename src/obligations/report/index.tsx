import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { ReportSummary } from '@cloud/contract/obligations'
import PeriodPicker from '../../components/PeriodPicker'
import StateView from '../../components/StateView'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { reportSummary, reportWorkbook } from '../../services/obligations'
import { saveFile } from '../../utils/download'
import { toastError, toastInfo } from '../../utils/feedback'
import { currentPeriod, pct, periodLabel } from '../../utils/period'
import { shanghai } from '../../utils/time'
import { RATE_LINES, STATUS_LABEL, dueDay } from '../shared/labels'
import './index.scss'

/**
 * The upward report (记实建档) of the city or a unit (`unitId`) for a period, to print on A4: each
 * target's rate and light, the four 三会一课 rates, every overdue item, and the signatures; the same
 * as an Excel workbook. The toolbar does not print.
 */
export default function ObligationReport() {
  const session = useSignedIn()
  const { params } = useRouter()
  const unitId = params.unitId || undefined
  const [period, setPeriod] = useState(() => params.period || currentPeriod('year'))
  const [exporting, setExporting] = useState(false)
  const data = useRemote(() => reportSummary(period, unitId), !!session, `${period}:${unitId ?? ''}`)
  if (!session) return null
  const r = data.data

  async function exportExcel() {
    setExporting(true)
    try {
      const file = await reportWorkbook(period, unitId)
      toastInfo(await saveFile(file))
    } catch (e) {
      toastError(e)
    } finally {
      setExporting(false)
    }
  }

  return (
    <View className='ob-report'>
      <View className='ob-report__toolbar'>
        <PeriodPicker value={period} onChange={setPeriod} kinds={['year', 'quarter', 'month']} />
        <Text className='ob-report__tip'>
          {process.env.TARO_ENV === 'h5' ? 'A4 纸打印，签字盖章后存档、报送。' : '小程序不能直接打印：可导出 Excel，或在电脑上打开网页端打印。'}
        </Text>
        <View className='ob-report__buttons'>
          {process.env.TARO_ENV === 'h5' && (
            <Button type='primary' size='small' disabled={!r} data-testid='print' onClick={() => window.print()}>
              打印
            </Button>
          )}
          <Button size='small' loading={exporting} disabled={exporting || !r} data-testid='export-report' onClick={() => void exportExcel()}>
            导出 Excel
          </Button>
        </View>
      </View>
      <StateView loading={data.loading} error={data.error} empty={!r} emptyText='暂无报表数据' onRetry={() => void data.reload()}>
        {r && <ReportSheet r={r} stale={r.period !== period} />}
      </StateView>
    </View>
  )
}

function ReportSheet({ r, stale }: { r: ReportSummary; stale: boolean }) {
  const city = !r.unitId
  return (
    <View className={`ob-report__sheet ${stale ? 'ob-stale' : ''}`} data-testid='report' data-period={r.period}>
      <Text className='ob-report__title'>党建工作全覆盖目标落实情况记实表</Text>
      <View className='ob-report__org'>
        <Text data-testid='r-scope'>填报单位：{city ? '市直机关' : r.scopeName}</Text>
        <Text data-testid='r-period'>统计周期：{periodLabel(r.period)}</Text>
        <Text>统计时间：{shanghai(r.computedAt).format('YYYY年M月D日 HH:mm')}</Text>
      </View>

      <Text className='ob-report__h'>一、目标完成情况</Text>
      <View className='ob-report__table'>
        <View className='ob-report__tr ob-report__tr--head'>
          <Text className='ob-report__td ob-report__td--wide'>目标</Text>
          <Text className='ob-report__td'>应完成</Text>
          <Text className='ob-report__td'>已完成</Text>
          <Text className='ob-report__td'>完成率</Text>
          <Text className='ob-report__td'>状态</Text>
          {city && <Text className='ob-report__td ob-report__td--wide'>单位（达标/推进中/滞后）</Text>}
        </View>
        {r.targets.map((t) => (
          <View key={t.targetId} className='ob-report__tr' data-testid='r-target' data-status={t.status}>
            <Text className='ob-report__td ob-report__td--wide'>{t.name}</Text>
            <Text className='ob-report__td'>{t.required}</Text>
            <Text className='ob-report__td'>{t.met}</Text>
            <Text className='ob-report__td'>{pct(t.rate)}</Text>
            <Text className={`ob-report__td ob-report__status--${t.status}`}>{STATUS_LABEL[t.status]}</Text>
            {city && (
              <Text className='ob-report__td ob-report__td--wide'>
                {t.green} / {t.amber} / {t.red}
              </Text>
            )}
          </View>
        ))}
      </View>

      <Text className='ob-report__h'>二、三会一课执行情况</Text>
      <View className='ob-report__table'>
        {RATE_LINES.map((l) => (
          <View key={l.key} className='ob-report__tr' data-testid='r-rate' data-rate={l.key}>
            <Text className='ob-report__td ob-report__td--label'>{l.label}</Text>
            <Text className='ob-report__td'>{l.text(r.rates)}</Text>
            <Text className='ob-report__td ob-report__td--wide ob-report__td--note'>{l.meaning}</Text>
          </View>
        ))}
      </View>
      <Text className='ob-report__small'>
        应开会议 {r.rates.required} 次（已到期），按期召开并上报 {r.rates.onTime} 次，已召开 {r.rates.held} 次，补开补报 {r.rates.late} 次，逾期未开 {r.rates.overdue} 次；应到{' '}
        {r.rates.expected} 人次，请假 {r.rates.leave} 人次，实到 {r.rates.present} 人次。
      </Text>

      <Text className='ob-report__h'>三、逾期未完成事项（{r.overdue.length} 项）</Text>
      {r.overdue.length === 0 ? (
        <Text className='ob-report__small' data-testid='r-no-overdue'>
          无逾期事项。
        </Text>
      ) : (
        <View className='ob-report__table ob-report__overdue'>
          <View className='ob-report__tr ob-report__tr--head'>
            <Text className='ob-report__td'>单位</Text>
            <Text className='ob-report__td'>支部</Text>
            <Text className='ob-report__td'>对象</Text>
            <Text className='ob-report__td ob-report__td--wide'>事项</Text>
            <Text className='ob-report__td'>截止日期</Text>
            <Text className='ob-report__td ob-report__td--wide'>说明</Text>
          </View>
          {r.overdue.map((it, i) => (
            <View key={i} className='ob-report__tr' data-testid='r-overdue'>
              <Td k='单位' v={it.unitName} />
              <Td k='支部' v={it.branchName ?? '—'} />
              <Td k='对象' v={it.subject.name} />
              <Td k='事项' v={`${it.targetName}：${it.what}`} wide />
              <Td k='截止日期' v={dueDay(it.dueBy)} />
              <Td k='说明' v={it.note ?? '—'} wide />
            </View>
          ))}
        </View>
      )}

      <View className='ob-report__signs' data-testid='r-signs'>
        <Text className='ob-report__sign'>填报人：</Text>
        <Text className='ob-report__sign'>审核人：</Text>
        <Text className='ob-report__sign'>机关党委（盖章）：</Text>
        <Text className='ob-report__sign'>{'日期：\u3000\u3000年\u3000\u3000月\u3000\u3000日'}</Text>
      </View>
    </View>
  )
}

/** A cell of the overdue list; on a phone the rows stack and each cell says what it is. */
function Td({ k, v, wide }: { k: string; v: string; wide?: boolean }) {
  return (
    <Text className={`ob-report__td ${wide ? 'ob-report__td--wide' : ''}`}>
      <Text className='ob-report__k'>{k}：</Text>
      {v}
    </Text>
  )
}
