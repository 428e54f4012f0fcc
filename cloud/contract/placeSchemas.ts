/** Input of the unit places actions: the places a unit keeps for check-in (meeting room, 党性教育基地). */
import { z } from 'zod'
import { id } from './fields'
import { RADIUS_M } from './limits'
import { TEXT_LIMITS } from './vocabulary'

const placeName = z
  .string({ error: '请填写地点名称' })
  .trim()
  .min(1, { error: '请填写地点名称' })
  .max(TEXT_LIMITS.placeName, { error: `地点名称不超过 ${TEXT_LIMITS.placeName} 字` })

export const places = {
  /** The saved places of one unit (default: the caller's own unit). */
  list: z.object({ unitId: id.optional() }),
  /** Save a place (new, or the same id again to change it); at most PLACE_LIMITS.perUnit per unit. */
  save: z.object({
    unitId: id,
    placeId: id.optional(),
    name: placeName,
    lat: z.number({ error: '缺少纬度' }).min(-90).max(90),
    lng: z.number({ error: '缺少经度' }).min(-180).max(180),
    radiusM: z
      .number()
      .int()
      .min(RADIUS_M.min, { error: `签到范围不能小于 ${RADIUS_M.min} 米` })
      .max(RADIUS_M.max, { error: `签到范围不能大于 ${RADIUS_M.max} 米` }),
  }),
  remove: z.object({ unitId: id, placeId: id }),
}
