import Taro from '@tarojs/taro'
import type { DeviceLocation } from '@cloud/contract/schemas'

/**
 * The phone's position in WGS-84, the one coordinate system both worlds offer (Taro's h5 getLocation
 * refuses GCJ-02), so an activity's place and a member's position are always compared like with like.
 */
export async function currentPosition(): Promise<DeviceLocation> {
  const loc = await Taro.getLocation({ type: 'wgs84', isHighAccuracy: true, highAccuracyExpireTime: 10_000 })
  return { lat: loc.latitude, lng: loc.longitude, accuracyM: Math.round(loc.accuracy ?? 9999) }
}
