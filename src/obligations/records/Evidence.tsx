import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { Button, Loading } from '@nutui/nutui-react-taro'
import { EVIDENCE } from '@cloud/contract/limits'
import { useRemote } from '../../hooks/useRemote'
import { evidence, uploadEvidence } from '../../services/obligationRecords'
import { toastError } from '../../utils/feedback'
import { pickFile } from '../../utils/pickFile'
import { pickImage } from '../../utils/pickImage'

/** What a page already knows of a file it just uploaded: no need to fetch it back to show it. */
interface Known {
  name: string
  mime: string
  data: string
}

const isImage = (mime: string) => mime.startsWith('image/')

/** One evidence file: a photo's thumbnail, a PDF's name. */
function Item({ id, known, onRemove }: { id: string; known?: Known; onRemove?: () => void }) {
  const file = useRemote(() => evidence(id), !known, id)
  const f = known ?? file.data
  return (
    <View className='rec-evidence__item' data-testid='evidence'>
      {f ? (
        isImage(f.mime) ? (
          <Image className='rec-evidence__img' mode='aspectFill' src={`data:${f.mime};base64,${f.data}`} />
        ) : (
          <View className='rec-evidence__file'>
            <Text className='rec-evidence__file-mark'>PDF</Text>
            <Text data-testid='evidence-name'>{f.name}</Text>
          </View>
        )
      ) : file.error ? (
        <Text className='rec-evidence__file' onClick={() => void file.reload()}>
          加载失败，点击重试
        </Text>
      ) : (
        <Loading type='spinner' />
      )}
      {onRemove && (
        <Text className='rec-evidence__remove' data-testid='evidence-remove' onClick={onRemove}>
          删除
        </Text>
      )}
    </View>
  )
}

/** Evidence of a saved record, read only. */
export function EvidenceView({ ids }: { ids: string[] }) {
  if (ids.length === 0) return null
  return (
    <View className='rec-evidence__list'>
      {ids.map((id) => (
        <Item key={id} id={id} />
      ))}
    </View>
  )
}

interface EditorProps {
  /** The unit whose record the files back (who may see that unit's records may read them). */
  unitId: string
  ids: string[]
  onChange: (ids: string[]) => void
  /** Tells the page an upload is under way, so it does not save meanwhile. */
  onBusy?: (busy: boolean) => void
  testId?: string
}

/** Evidence of a record being written: photos and PDFs, each uploaded as soon as chosen; removed before saving. */
export function EvidenceEditor({ unitId, ids, onChange, onBusy, testId = 'evidence' }: EditorProps) {
  const [known, setKnown] = useState<Map<string, Known>>(new Map())
  const [uploading, setUploading] = useState<'image' | 'pdf' | null>(null)

  async function add(kind: 'image' | 'pdf') {
    setUploading(kind)
    onBusy?.(true)
    try {
      const picked =
        kind === 'image'
          ? await pickImage().then((p) => p && { name: `照片${ids.length + 1}.${p.mime.split('/')[1]}`, mime: p.mime, data: p.base64 })
          : await pickFile({ extensions: ['pdf'], maxBytes: EVIDENCE.maxBytes }).then((p) => p && { name: p.name, mime: 'application/pdf' as const, data: p.base64 })
      if (!picked) return
      const { id } = await uploadEvidence(unitId, picked.name, picked.mime, picked.data)
      setKnown((k) => new Map(k).set(id, picked))
      onChange([...ids, id])
    } catch (e) {
      toastError(e)
    } finally {
      setUploading(null)
      onBusy?.(false)
    }
  }

  const full = ids.length >= EVIDENCE.maxPerRecord
  return (
    <View className='rec-evidence' data-testid={testId}>
      {ids.length > 0 && (
        <View className='rec-evidence__list'>
          {ids.map((id) => (
            <Item key={id} id={id} known={known.get(id)} onRemove={() => onChange(ids.filter((x) => x !== id))} />
          ))}
        </View>
      )}
      {!full && (
        <View className='rec__buttons'>
          <Button loading={uploading === 'image'} disabled={!!uploading} data-testid={`${testId}-photo`} onClick={() => void add('image')}>
            拍照或选照片
          </Button>
          <Button loading={uploading === 'pdf'} disabled={!!uploading} data-testid={`${testId}-pdf`} onClick={() => void add('pdf')}>
            选择 PDF
          </Button>
        </View>
      )}
      <Text className='rec__note'>
        已附 {ids.length}/{EVIDENCE.maxPerRecord} 个；照片自动压缩，PDF 不超过 {Math.round(EVIDENCE.maxBytes / 1_000_000)} MB；保存后生效。
      </Text>
    </View>
  )
}
