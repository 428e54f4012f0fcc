import { Text } from '@tarojs/components'
import { ACTIVITY_KIND_LABEL, type ActivityKind } from '@cloud/contract/vocabulary'
import './index.scss'

/** The kind of an activity, with its sub-label when there is one (e.g. 讲座 · 处长讲坛). */
export default function KindTag({ kind, subKind }: { kind: ActivityKind; subKind?: string | null }) {
  const label = subKind && subKind !== ACTIVITY_KIND_LABEL[kind] ? subKind : ACTIVITY_KIND_LABEL[kind]
  return <Text className={`kind-tag kind-tag--${kind}`}>{label}</Text>
}
