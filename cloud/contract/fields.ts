/** Input fields several schema files share: ids, times, periods, free-text comments. */
import { z } from 'zod'
import { ACTIVITY_HOURS, CHECK_IN_WINDOW, MATERIAL_URL, MATERIALS, RADIUS_M } from './limits'
import { TEXT_LIMITS, TEXT_MIN } from './vocabulary'

export const id = z.string().trim().min(1, { error: '缺少编号' }).max(TEXT_LIMITS.id, { error: '编号过长' })
export const isoTime = z.iso.datetime({ offset: true, error: '时间格式不正确' })
export const empty = z.object({})
export const comment = z.string().trim().max(TEXT_LIMITS.comment, { error: `意见不超过 ${TEXT_LIMITS.comment} 字` })
/** A reporting period: a year, a quarter or a month; none: the action's default. */
export const periodKey = z
  .string()
  .trim()
  .regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, { error: '统计周期格式应为 2026、2026-Q4 或 2026-11' })
  .optional()
/** Why an activity is published without a location check (线上活动…): the organizer's recorded choice. */
export const noLocationReason = z
  .string()
  .trim()
  .min(TEXT_MIN.reason, { error: `不校验位置的原因至少 ${TEXT_MIN.reason} 个字` })
  .max(TEXT_LIMITS.reason, { error: `不校验位置的原因不超过 ${TEXT_LIMITS.reason} 字` })
  .optional()
/** The id a phone keeps for itself (random, made by the app once); it says nothing about the member. */
export const deviceId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '设备标识格式不正确' })
  .optional()

/** A geofence: check-in is allowed within `radiusM` of the point. */
export const geoPlace = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  radiusM: z
    .number()
    .int()
    .min(RADIUS_M.min, { error: `签到范围不能小于 ${RADIUS_M.min} 米` })
    .max(RADIUS_M.max, { error: `签到范围不能大于 ${RADIUS_M.max} 米` }),
})

export const correctionNote = z
  .string({ error: '请填写更正原因' })
  .trim()
  .min(TEXT_MIN.reason, { error: `更正原因至少 ${TEXT_MIN.reason} 个字` })
  .max(TEXT_LIMITS.reason, { error: `更正原因不超过 ${TEXT_LIMITS.reason} 字` })

/**
 * The check-in window chosen for an activity, relative to it: opens so many minutes before the start,
 * closes so many minutes after the start or at the end ('end'). A part not given is the kind's default.
 */
export const checkInWindow = z.object({
  opensBeforeStartMin: z
    .number()
    .int()
    .min(0, { error: '签到开放时间不能晚于活动开始时间' })
    .max(CHECK_IN_WINDOW.opensBeforeMaxMin, { error: `签到最早在活动开始前 ${CHECK_IN_WINDOW.opensBeforeMaxMin / 60} 小时开放` })
    .optional(),
  closes: z
    .union([z.literal('end'), z.number().int().min(0, { error: '签到截止时间不能早于活动开始' }).max(ACTIVITY_HOURS.max * 60, { error: '签到截止时间不能晚于活动结束' })])
    .optional(),
})

/** 延长签到 by one of the offered steps. */
export const extendMinutes = z.literal(CHECK_IN_WINDOW.extendChoices, { error: `延长时间应为 ${CHECK_IN_WINDOW.extendChoices.join('/')} 分钟之一` })

/**
 * 学习材料: links only (members get no file storage to download from, and many read on an intranet
 * browser anyway). Only http(s): a javascript: or file: address would run or reach where a tap must not.
 */
const materialUrl = z
  .string({ error: '请填写材料链接' })
  .trim()
  .min(1, { error: '请填写材料链接' })
  .max(MATERIALS.urlMax, { error: `材料链接不超过 ${MATERIALS.urlMax} 个字符` })
  .refine((u) => MATERIAL_URL.test(u), { error: '材料链接应以 http:// 或 https:// 开头，请复制文章的网页地址' })
export const activityMaterials = z
  .array(
    z.object({
      title: z
        .string({ error: '请填写材料标题' })
        .trim()
        .min(1, { error: '请填写材料标题' })
        .max(MATERIALS.titleMax, { error: `材料标题不超过 ${MATERIALS.titleMax} 字` }),
      url: materialUrl,
    }),
  )
  .max(MATERIALS.max, { error: `学习材料最多 ${MATERIALS.max} 项` })
