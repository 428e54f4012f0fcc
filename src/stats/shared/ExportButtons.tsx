import { useState } from 'react'
import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { exportStats, type StatsExport } from '../../services/stats'
import { saveFile } from '../../utils/download'
import { toastError, toastInfo } from '../../utils/feedback'

/** 导出 CSV / 导出 Excel of one dashboard for one period (`export-csv`, `export-xlsx`). */
export default function ExportButtons({ what, period }: { what: StatsExport; period: string }) {
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null)
  async function run(format: 'csv' | 'xlsx') {
    setBusy(format)
    try {
      const file = await exportStats(what, period, format)
      toastInfo(`${await saveFile(file)}（${file.rows} 行）`)
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(null)
    }
  }
  return (
    <View className='stats__exports'>
      <Button size='small' loading={busy === 'csv'} disabled={!!busy} data-testid='export-csv' onClick={() => void run('csv')}>
        导出 CSV
      </Button>
      <Button size='small' loading={busy === 'xlsx'} disabled={!!busy} data-testid='export-xlsx' onClick={() => void run('xlsx')}>
        导出 Excel
      </Button>
    </View>
  )
}
