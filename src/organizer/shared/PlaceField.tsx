import { Text, View } from '@tarojs/components'
import { Button, Input, Switch } from '@nutui/nutui-react-taro'
import { TEXT_LIMITS } from '@cloud/contract/vocabulary'
import { OTHER_REASON, RADII, radiusLabel, REASON_OPTIONS, type PlaceMode } from './placeChoice'
import type { PlaceChoiceState } from './usePlaceChoice'
import './PlaceField.scss'

const MODES: { key: PlaceMode; label: string }[] = [
  { key: 'saved', label: '常用地点' },
  { key: 'here', label: '现场定位' },
  { key: 'none', label: '不校验位置' },
]

function Chip({ on, onClick, testId, children }: { on: boolean; onClick: () => void; testId?: string; children: string }) {
  return (
    <Text className={`place-field__chip ${on ? 'place-field__chip--on' : ''}`} data-testid={testId} data-on={on ? '1' : '0'} onClick={onClick}>
      {children}
    </Text>
  )
}

/**
 * 签到地点: where check-in is checked (a saved place of the unit, the organizer's position now, or no
 * check with a reason). Used by the create form and by the workbench when publishing a draft.
 */
export default function PlaceField({ state }: { state: PlaceChoiceState }) {
  const { places, problem, choice: c, change, locating, locate } = state
  return (
    <View className='place-field' data-testid='place-field' data-mode={c.mode}>
      <Text className='place-field__label'>签到地点</Text>
      <View className='place-field__modes' aria-role='radiogroup'>
        {MODES.map((m) => (
          <Text
            key={m.key}
            className={`place-field__mode ${c.mode === m.key ? 'place-field__mode--on' : ''}`}
            data-testid={`place-mode-${m.key}`}
            aria-role='radio'
            aria-checked={c.mode === m.key}
            onClick={() => change({ mode: m.key })}
          >
            {m.label}
          </Text>
        ))}
      </View>
      {c.mode === 'saved' &&
        (places && places.length > 0 ? (
          <>
            <Text className='place-field__label'>本单位常用地点</Text>
            <View className='place-field__chips'>
              {places.map((p) => (
                <Chip key={p.id} on={c.savedId === p.id} testId='saved-place' onClick={() => change({ savedId: p.id })}>
                  {p.name}
                </Chip>
              ))}
            </View>
            <Text className='place-field__hint'>
              成员须在该地点 {radiusLabel(places.find((p) => p.id === c.savedId)?.radiusM ?? places[0].radiusM)}范围内扫码签到
            </Text>
          </>
        ) : (
          <Text className='place-field__hint'>
            {places
              ? '本单位还没有常用地点：请选“现场定位”，在活动现场获取位置，并可保存为常用地点'
              : problem
                ? `未能读取本单位常用地点（${problem}）：请选“现场定位”或稍后重试`
                : '正在读取本单位常用地点…'}
          </Text>
        ))}
      {c.mode === 'here' && (
        <>
          <Text className='place-field__hint' data-testid='here-status'>
            {c.here ? `已定位（精度约 ${c.here.accuracyM} 米），成员须在下方范围内签到` : '请在活动现场获取位置，成员须在该位置附近签到'}
          </Text>
          <Button className='place-field__locate' loading={locating} disabled={locating} data-testid='locate' onClick={() => void locate()}>
            {c.here ? '重新获取位置' : '使用我当前的位置'}
          </Button>
          <Text className='place-field__label'>签到范围</Text>
          <View className='place-field__chips'>
            {RADII.map((m) => (
              <Chip key={m} on={c.radiusM === m} testId='radius' onClick={() => change({ radiusM: m })}>
                {radiusLabel(m)}
              </Chip>
            ))}
          </View>
          {/* The whole row is the tap target (44 px); the switch only shows the state. */}
          <View className='place-field__switch' data-testid='keep-place' data-on={c.keep ? '1' : '0'} onClick={() => change({ keep: !c.keep })}>
            <Text className='place-field__switch-label'>保存为本单位常用地点</Text>
            <Switch checked={c.keep} />
          </View>
          {c.keep && (
            <Input
              className='place-field__input'
              placeholder='常用地点名称，如：机关大楼三楼会议室'
              value={c.keepName}
              maxLength={TEXT_LIMITS.placeName}
              onChange={(v) => change({ keepName: v })}
              data-testid='keep-name'
            />
          )}
        </>
      )}
      {c.mode === 'none' && (
        <>
          <Text className='place-field__label'>不校验位置的原因</Text>
          <View className='place-field__chips'>
            {REASON_OPTIONS.map((r) => (
              <Chip key={r} on={c.reason === r} testId='no-location-reason' onClick={() => change({ reason: r })}>
                {r}
              </Chip>
            ))}
          </View>
          {c.reason === OTHER_REASON && (
            <Input
              className='place-field__input'
              placeholder='请写明原因，如：多个社区同时开展'
              value={c.otherReason}
              maxLength={TEXT_LIMITS.reason}
              onChange={(v) => change({ otherReason: v })}
              data-testid='other-reason'
            />
          )}
          <Text className='place-field__warning' data-testid='no-location-warning'>
            不校验位置时，签到码被拍照转发后，不在现场的人也能签到。原因会记录在签到名单上。
          </Text>
        </>
      )}
    </View>
  )
}
