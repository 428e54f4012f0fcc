/**
 * One source of truth for every action's input. Handlers validate with these; the app derives its
 * call types from them (type-only imports, so zod never ships in the mini-program).
 */
import { z } from 'zod'
import { CAPACITY, CONFIRM_HOURS, POLICY_RANGES, RADIUS_M, ROSTER_FILE_MAX, ROSTER_FILE_MAX_BYTES, SELECTION } from './limits'
import { ACTIVITY_KINDS, TEXT_LIMITS, TEXT_MIN } from './vocabulary'

const id = z.string().trim().min(1, { error: '缺少编号' }).max(TEXT_LIMITS.id, { error: '编号过长' })
const isoTime = z.iso.datetime({ offset: true, error: '时间格式不正确' })
const empty = z.object({})
/** Large rosters go in batches (and WeChat caps a call's payload). */
const rosterFileMb = (ROSTER_FILE_MAX_BYTES / 1024 / 1024).toFixed(1)

export const bindCodeInput = z.object({
  bindCode: z
    .string({ error: '请输入登录码' })
    .trim()
    .min(TEXT_MIN.bindCode, { error: `登录码至少 ${TEXT_MIN.bindCode} 位` })
    .max(TEXT_LIMITS.bindCode, { error: '登录码过长' }),
})

export const member = {
  signIn: bindCodeInput,
  bind: bindCodeInput,
  signOut: empty,
  me: empty,
  demoAccounts: empty,
  importRoster: z.object({
    format: z.enum(['csv', 'xlsx'], { error: '请上传 CSV 或 Excel（.xlsx）文件' }),
    /** The file, base64. */
    file: z.string({ error: '缺少文件内容' }).min(1, { error: '文件为空' }).max(ROSTER_FILE_MAX, { error: `文件过大（上限约 ${rosterFileMb} MB），请分批导入` }),
    /** Check and report only; write nothing. */
    dryRun: z.boolean().optional(),
    /** Members of the file's units who are not in the file are marked as left (离开), not deleted. */
    deactivateMissing: z.boolean().optional(),
  }),
  rosterTemplate: z.object({ format: z.enum(['csv', 'xlsx']) }),
  roster: z.object({ unitId: id, query: z.string().trim().max(TEXT_LIMITS.query).optional(), includeInactive: z.boolean().optional() }),
  setRole: z.object({
    memberId: id,
    role: z.enum(['organizer', 'unitAdmin', 'cityAdmin'], { error: '角色应为 活动组织者/单位管理员/市直机关工委管理员' }),
    /** The unit or youth group the role is for; a city admin's role has neither. */
    unitId: id.optional(),
    groupId: id.optional(),
    grant: z.boolean().default(true),
  }),
  /** Admin reset: new bind code, WeChat binding cleared, every session signed out. */
  resetAccess: z.object({ memberId: id }),
  auditLog: z.object({
    unitId: id.optional(),
    actorId: id.optional(),
    from: isoTime.optional(),
    to: isoTime.optional(),
  }),
}

export const geoPlace = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  radiusM: z
    .number()
    .int()
    .min(RADIUS_M.min, { error: `签到范围不能小于 ${RADIUS_M.min} 米` })
    .max(RADIUS_M.max, { error: `签到范围不能大于 ${RADIUS_M.max} 米` }),
})

/** A unit or group named twice is the same audience once. */
const unique = (ids: string[]): string[] => [...new Set(ids)]

export const audience = z.discriminatedUnion('type', [
  z.object({ type: z.literal('all') }),
  z.object({ type: z.literal('units'), unitIds: z.array(id).min(1, { error: '请至少选择一个单位' }).max(200).transform(unique) }),
  z.object({ type: z.literal('groups'), groupIds: z.array(id).min(1, { error: '请至少选择一个学习小组' }).max(200).transform(unique) }),
])

const activityFields = {
  kind: z.enum(ACTIVITY_KINDS, { error: '活动类型应为 理论学习/讲座/志愿服务 之一' }),
  subKind: z.string().trim().min(1).max(20).optional(),
  title: z
    .string({ error: '请填写活动名称' })
    .trim()
    .min(1, { error: '请填写活动名称' })
    .max(TEXT_LIMITS.title, { error: `活动名称不超过 ${TEXT_LIMITS.title} 字` }),
  description: z.string().max(TEXT_LIMITS.description, { error: `活动说明不超过 ${TEXT_LIMITS.description} 字` }).optional(),
  startAt: isoTime,
  endAt: isoTime,
  placeName: z.string().trim().max(TEXT_LIMITS.placeName, { error: `地点不超过 ${TEXT_LIMITS.placeName} 字` }).optional(),
  place: geoPlace.optional(),
  audience,
  capacity: z.number().int().min(CAPACITY.min).max(CAPACITY.max).optional(),
  signUpRequired: z.boolean().optional(),
}

export const activity = {
  create: z.object({ ...activityFields, publish: z.boolean().optional() }),
  update: z.object({ id, ...z.object(activityFields).partial().shape }),
  publish: z.object({ id }),
  cancel: z.object({ id, reason: z.string().trim().max(200).optional() }),
  list: z.object({ view: z.enum(['forMe', 'organizing']).default('forMe') }),
  get: z.object({ id }),
  qrToken: z.object({ id }),
  attendance: z.object({ id }),
  exportAttendance: z.object({ id, format: z.enum(['csv', 'xlsx'], { error: '导出格式应为 csv 或 xlsx' }) }),
}

const reason = z
  .string({ error: '请填写补签理由' })
  .trim()
  .min(TEXT_MIN.reason, { error: `补签理由至少 ${TEXT_MIN.reason} 个字` })
  .max(TEXT_LIMITS.reason, { error: `补签理由不超过 ${TEXT_LIMITS.reason} 字` })

export const location = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  accuracyM: z.number().min(0).max(100_000),
})

export const checkin = {
  signUp: z.object({ activityId: id }),
  checkIn: z.object({
    activityId: id,
    token: z.string({ error: '缺少二维码信息' }).trim().min(1, { error: '缺少二维码信息' }).max(TEXT_LIMITS.token, { error: '二维码信息不正确' }),
    location: location.optional(),
    idempotencyKey: z.string().trim().min(8).max(TEXT_LIMITS.idempotencyKey).optional(),
  }),
  checkOut: z.object({
    activityId: id,
    token: z.string({ error: '请扫描现场大屏上的二维码签退' }).trim().min(1).max(TEXT_LIMITS.token, { error: '二维码信息不正确' }),
    location: location.optional(),
  }),
  requestMakeup: z.object({ activityId: id, reason }),
  reviewMakeup: z.object({ makeupId: id, approve: z.boolean(), comment: z.string().trim().max(TEXT_LIMITS.reason).optional() }),
  addMakeup: z.object({ activityId: id, memberId: id, reason }),
  myMakeups: z.object({}),
  /** Organizer confirms volunteer hours of someone who did not check out. */
  confirmHours: z.object({
    activityId: id,
    memberId: id,
    hours: z
      .number()
      .min(CONFIRM_HOURS.min, { error: `时长至少 ${CONFIRM_HOURS.min} 小时` })
      .max(CONFIRM_HOURS.max, { error: `每天最多 ${CONFIRM_HOURS.max} 小时` })
      .multipleOf(CONFIRM_HOURS.step, { error: '时长以半小时为单位' }),
  }),
  /** Organizer approves or rejects volunteer hours over the daily amount that counts at once. */
  reviewHours: z.object({ claimId: id, approve: z.boolean() }),
  /** Organizer corrects a credit: a reversing entry, never an edit. */
  reverseCredit: z.object({
    entryId: id,
    note: z.string({ error: '请填写更正原因' }).trim().min(TEXT_MIN.reason, { error: `更正原因至少 ${TEXT_MIN.reason} 个字` }).max(TEXT_LIMITS.reason),
  }),
  mine: z.object({ kind: z.enum(ACTIVITY_KINDS).optional() }),
}

const periodKey = z
  .string()
  .trim()
  .regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, { error: '统计周期格式应为 2026、2026-Q4 或 2026-11' })
  .optional()
const format = z.enum(['csv', 'xlsx'], { error: '导出格式应为 csv 或 xlsx' })
const policyNumber = (field: keyof typeof POLICY_RANGES) => z.number().int().min(POLICY_RANGES[field].min).max(POLICY_RANGES[field].max)

export const stats = {
  coverage: z.object({ period: periodKey, unitId: id.optional() }),
  volunteer: z.object({ period: periodKey, unitId: id.optional() }),
  leaderboard: z.object({
    period: periodKey,
    board: z.enum(['studyModel', 'volunteer']).default('studyModel'),
    scope: z.enum(['city', 'unit']).default('city'),
    unitId: id.optional(),
    /** The city board shows unit averages unless members are asked for. */
    view: z.enum(['units', 'members']).optional(),
  }),
  myScore: z.object({ period: periodKey }),
  export: z.object({
    what: z.enum(['coverage', 'volunteer', 'leaderboard', 'studyModels']),
    period: periodKey,
    format,
    /** For `leaderboard`: which board and scope, as on screen. */
    board: z.enum(['studyModel', 'volunteer']).default('studyModel'),
    scope: z.enum(['city', 'unit']).default('city'),
    unitId: id.optional(),
  }),
  freezeSnapshot: z.object({
    period: periodKey,
    topN: z
      .number()
      .int()
      .min(SELECTION.topN.min, { error: `人数至少 ${SELECTION.topN.min} 人` })
      .max(SELECTION.topN.max, { error: `人数不超过 ${SELECTION.topN.max} 人` })
      .default(SELECTION.topN.default),
    minGroupAttendance: z
      .number()
      .min(SELECTION.minGroupAttendance.min)
      .max(SELECTION.minGroupAttendance.max)
      .default(SELECTION.minGroupAttendance.default),
  }),
  snapshot: z.object({ period: periodKey }),
  certificate: z.object({ period: periodKey, memberId: id.optional() }),
  verifyCertificate: z.object({
    serial: z.string({ error: '请输入证书编号' }).trim().min(TEXT_MIN.serial).max(TEXT_LIMITS.serial),
    code: z.string({ error: '请输入验证码' }).trim().min(TEXT_MIN.verifyCode).max(TEXT_LIMITS.verifyCode),
  }),
  policy: z.object({}),
  setPolicy: z.object({
    effectiveFrom: isoTime,
    pointsPerKind: z
      .object({ study: policyNumber('pointsPerKind'), lecture: policyNumber('pointsPerKind'), volunteer: policyNumber('pointsPerKind') })
      .partial()
      .optional(),
    dailyPointsCap: policyNumber('dailyPointsCap').optional(),
    youthAgeLimit: policyNumber('youthAgeLimit').optional(),
    defaultRadiusM: policyNumber('defaultRadiusM').optional(),
    qrPeriodSec: policyNumber('qrPeriodSec').optional(),
  }),
}

export const aggregate = {
  reconcile: empty,
}

export type ActivityCreateInput = z.input<typeof activity.create>
export type CheckInInput = z.input<typeof checkin.checkIn>
export type Audience = z.output<typeof audience>
export type GeoPlace = z.output<typeof geoPlace>
export type DeviceLocation = z.output<typeof location>
