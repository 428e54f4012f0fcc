import { useState } from 'react'
import { ScrollView, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { RosterError } from '../../services/member'
import { toastOk } from '../../utils/feedback'

/** A 20 000-row file can be wrong everywhere: draw the list a page at a time, all of it on request. */
const PAGE = 300

const lineOf = (e: RosterError) => `第 ${e.row} 行：${e.reason}`

/** The server's refusal of a roster: why, that nothing was written, and every bad row with its reason. */
export default function RowErrors({ title, message, errors }: { title: string; message: string; errors: RosterError[] | null }) {
  const [shown, setShown] = useState(PAGE)
  const rows = errors ? new Set(errors.map((e) => e.row)).size : 0
  return (
    <View className='row-errors' data-testid='import-refused'>
      <Text className='row-errors__title'>{title}</Text>
      <Text className='row-errors__message' data-testid='refused-message'>
        {message}
      </Text>
      {errors && (
        <>
          <Text className='row-errors__hint'>
            共 {rows} 行有问题（{errors.length} 处）。请在原文件中逐行修改后重新选择文件并检查；只要有一行有问题，整个文件都不会导入。
          </Text>
          <ScrollView className='row-errors__list' scrollY>
            {errors.slice(0, shown).map((e, i) => (
              <Text key={`${e.row}-${i}`} className='row-errors__row' data-testid='row-error' data-row={e.row}>
                {lineOf(e)}
              </Text>
            ))}
            {errors.length > shown && (
              <Text className='row-errors__more' onClick={() => setShown(shown + PAGE)}>
                还有 {errors.length - shown} 处，点击显示更多
              </Text>
            )}
          </ScrollView>
          <Text
            className='row-errors__copy'
            onClick={() => void Taro.setClipboardData({ data: errors.map(lineOf).join('\n') }).then(() => toastOk('已复制'))}
          >
            复制全部问题
          </Text>
        </>
      )}
    </View>
  )
}
