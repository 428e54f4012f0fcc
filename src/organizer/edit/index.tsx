import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useNow } from '../../hooks/useNow'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import StateView from '../../components/StateView'
import { getActivity } from '../../services/activity'
import { editStage } from '@cloud/domain/activityEditing'
import EditForm from './EditForm'
import './index.scss'
import { useFontClass } from '../../utils/fontMode'

/**
 * 编辑活动, after publishing too: what may change follows the server's rules (cloud/domain/activityEditing.ts),
 * said at the top of the form; 延长签到 / 结束签到 while check-in runs.
 */
export default function EditActivity() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const { params } = useRouter()
  const id = params.id ?? ''
  const remote = useRemote(() => getActivity(id), !!session && !!id, id)
  const now = useNow(30_000)
  if (!session) return null
  const a = remote.data
  const stage = a ? editStage(a, now) : null
  return (
    <View className={`edit activity-form ${fontClass}`}>
      <StateView loading={remote.loading} error={remote.error} empty={!a} emptyText='没有找到这个活动' onRetry={() => void remote.reload()}>
        {a && stage === 'closed' && (
          <Text className='activity-form__locked' data-testid='edit-closed'>
            {a.status === 'cancelled' ? '活动已取消，不能修改。' : '活动已结束，不能修改；参加情况请在签到记录中补录或审核补签。'}
          </Text>
        )}
        {a && stage !== 'closed' && stage !== null && (
          <EditForm key={a.id} activity={a} locked={stage === 'checkingIn'} me={session.member} onSaved={() => void remote.reload()} />
        )}
      </StateView>
    </View>
  )
}
