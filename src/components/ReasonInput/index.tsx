import { TextArea } from '@nutui/nutui-react-taro'
import { TEXT_LIMITS, TEXT_MIN } from '@cloud/contract/vocabulary'
import './index.scss'

interface Props {
  value: string
  onChange: (v: string) => void
  placeholder: string
  testId?: string
}

/** A few lines of free text with a counter (a make-up reason, a reviewer's comment). */
export default function ReasonInput({ value, onChange, placeholder, testId }: Props) {
  return (
    <TextArea
      className='reason-input'
      value={value}
      onChange={onChange}
      placeholder={placeholder}
      maxLength={TEXT_LIMITS.reason}
      showCount
      rows={3}
      data-testid={testId}
    />
  )
}

/** The server's rule for a reason (its shortest length), said before asking it. */
export const reasonProblem = (v: string, what = '理由'): string | null =>
  v.trim().length < TEXT_MIN.reason ? `${what}至少 ${TEXT_MIN.reason} 个字` : null
