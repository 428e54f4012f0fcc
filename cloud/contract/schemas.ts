/**
 * One source of truth for every action's input. Handlers validate with these; the app derives its
 * call types from them (type-only imports, so zod never ships in the mini-program).
 */
import { z } from 'zod'
import { activityMaterials, checkInWindow, comment, correctionNote, deviceId, empty, extendMinutes, geoPlace, id, isoTime, noLocationReason, periodKey } from './fields'
export { geoPlace } from './fields'
import {
  CAPACITY,
  CONFIRM_HOURS,
  MEETING_LIMITS,
  PHOTO,
  PHOTO_BASE64_MAX,
  POLICY_RANGES,
  ROSTER_FILE_MAX,
  ROSTER_FILE_MAX_BYTES,
  SELECTION,
} from './limits'
import {
  ABSENCE_REASONS,
  ACTIVITY_KINDS,
  AMENDABLE_FIELDS,
  BRANCH_ROLES,
  MEETING_TYPES,
  PARTY_STATUSES,
  RHYTHMS,
  TEXT_LIMITS,
  TEXT_MIN,
} from './vocabulary'

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
    role: z.enum(['organizer', 'unitAdmin', 'cityAdmin', ...BRANCH_ROLES], {
      error: '角色应为 活动组织者/单位管理员/市直机关工委管理员/支部书记/组织委员/支部委员',
    }),
    /** The unit, youth group or branch the role is for; a city admin's role has none. */
    unitId: id.optional(),
    groupId: id.optional(),
    branchId: id.optional(),
    grant: z.boolean().default(true),
  }),
  /** Units, branches, 党小组 and youth groups with head counts and branch officers. */
  orgTree: empty,
  /** One change to the organisation, made in the app instead of re-importing the roster. */
  saveOrg: orgChange(),
  /** Admin reset: new bind code, WeChat binding cleared, every session signed out. */
  resetAccess: z.object({ memberId: id }),
  auditLog: z.object({
    unitId: id.optional(),
    actorId: id.optional(),
    /** Part of an actor's name (操作人): resolved to ids among those who acted in the caller's units. */
    actorName: z.string().trim().min(1, '请输入操作人姓名').max(TEXT_LIMITS.query).optional(),
    from: isoTime.optional(),
    to: isoTime.optional(),
  }),
}

function orgChange() {
  const kind = z.enum(['unit', 'branch', 'partyGroup', 'youthGroup'], { error: '组织类型应为 单位/党支部/党小组/青年理论学习小组' })
  const name = z
    .string({ error: '请填写名称' })
    .trim()
    .min(1, { error: '请填写名称' })
    .max(TEXT_LIMITS.orgName, { error: `名称不超过 ${TEXT_LIMITS.orgName} 字` })
  const nullableId = id.nullable()
  return z.discriminatedUnion('op', [
    /** A branch names its unit (`parentId`), a 党小组 its branch; a youth group the units that form it. */
    z.object({ op: z.literal('create'), kind, name, parentId: id.optional(), unitIds: z.array(id).min(1).max(20).optional() }),
    z.object({ op: z.literal('rename'), kind, id, name }),
    /** Members, sub-organisations and grants of `fromId` move to `intoId`; `fromId` stays in history only. */
    z.object({ op: z.literal('merge'), kind, fromId: id, intoId: id }),
    /** Members move to a unit, branch and 党小组 (and youth group, when given); old records keep the old place. */
    z.object({
      op: z.literal('move'),
      memberIds: z.array(id).min(1, { error: '请选择要调整的党员' }).max(MEETING_LIMITS.moveMembers, { error: `一次最多调整 ${MEETING_LIMITS.moveMembers} 人` }),
      to: z.object({ unitId: id, branchId: nullableId, partyGroupId: nullableId, youthGroupId: nullableId.optional() }),
    }),
    /** 转正 and the like: 预备党员 become 正式党员. */
    z.object({
      op: z.literal('setPartyStatus'),
      memberIds: z.array(id).min(1).max(MEETING_LIMITS.moveMembers),
      partyStatus: z.enum(PARTY_STATUSES, { error: '党员类别应为 正式党员 或 预备党员' }),
    }),
  ])
}

/** A period of a meeting type's rhythm: `2026-11`, `2026-Q4`, `2026-H2` or `2026`. */
export const rhythmPeriodKey = z
  .string()
  .trim()
  .regex(/^\d{4}(-Q[1-4]|-H[12]|-(0[1-9]|1[0-2]))?$/, { error: '会议所属周期格式应为 2026-11、2026-Q4、2026-H2 或 2026' })

/** A unit or group named twice is the same audience once. */
const unique = (ids: string[]): string[] => [...new Set(ids)]

export const audience = z.discriminatedUnion('type', [
  z.object({ type: z.literal('all') }),
  z.object({ type: z.literal('units'), unitIds: z.array(id).min(1, { error: '请至少选择一个单位' }).max(200).transform(unique) }),
  z.object({ type: z.literal('groups'), groupIds: z.array(id).min(1, { error: '请至少选择一个学习小组' }).max(200).transform(unique) }),
  z.object({ type: z.literal('branches'), branchIds: z.array(id).min(1, { error: '请至少选择一个党支部' }).max(200).transform(unique) }),
  z.object({ type: z.literal('partyGroups'), partyGroupIds: z.array(id).min(1, { error: '请至少选择一个党小组' }).max(200).transform(unique) }),
])

/**
 * A branch meeting: its type and branch (a 党小组会 also its 党小组); the period it counts for when it
 * makes up a missed one (补开; default: the period of its start); whether a 支部党员大会 elects.
 * Its audience is the branch (or the 党小组), so none is sent with it.
 */
export const meeting = z.object({
  type: z.enum(MEETING_TYPES, { error: '会议类型应为 支委会/党小组会/支部党员大会/党课/主题党日/组织生活会/民主评议党员 之一' }),
  branchId: id,
  partyGroupId: id.optional(),
  forPeriod: rhythmPeriodKey.optional(),
  election: z.boolean().optional(),
})

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
  noLocationReason,
  audience,
  capacity: z.number().int().min(CAPACITY.min).max(CAPACITY.max).optional(),
  signUpRequired: z.boolean().optional(),
  /** The target (a rotation training) that attending it serves. */
  targetId: id.nullable().optional(),
  checkInWindow: checkInWindow.optional(),
  materials: activityMaterials.optional(),
}

const personName = z.string().trim().max(TEXT_LIMITS.personName, { error: `姓名不超过 ${TEXT_LIMITS.personName} 字` })
const topics = z
  .array(z.string().trim().max(TEXT_LIMITS.topic, { error: `每项议题不超过 ${TEXT_LIMITS.topic} 字` }))
  .max(MEETING_LIMITS.topics, { error: `议题不超过 ${MEETING_LIMITS.topics} 项` })
const absenceNote = z.object({
  memberId: id,
  reason: z.enum(ABSENCE_REASONS, { error: '缺席原因应为 公出/病假/事假/其他' }),
  note: z.string().trim().max(TEXT_LIMITS.reason, { error: `说明不超过 ${TEXT_LIMITS.reason} 字` }).nullable().default(null),
})
const recordVersion = z.number({ error: '缺少记录版本' }).int().min(0)
/** Which meetings: one branch's or one unit's (all its branches), in one period. */
const meetingScope = {
  branchId: id.optional(),
  unitId: id.optional(),
  period: rhythmPeriodKey.optional(),
}

export const activity = {
  create: z.object({ ...activityFields, audience: audience.optional(), publish: z.boolean().optional(), meeting: meeting.optional() }),
  update: z.object({ id, ...z.object(activityFields).partial().shape }),
  /** Publishing needs a place: the one saved on the draft, the organizer's position now, the unit's first saved place, or a recorded reason for none. */
  publish: z.object({ id, place: geoPlace.optional(), noLocationReason }),
  cancel: z.object({ id, reason: z.string().trim().max(200).optional() }),
  endCheckIn: z.object({ id }),
  extendCheckIn: z.object({ id, minutes: extendMinutes }),
  list: z.object({ view: z.enum(['forMe', 'organizing']).default('forMe') }),
  get: z.object({ id }),
  qrToken: z.object({ id }),
  attendance: z.object({ id }),
  exportAttendance: z.object({ id, format: z.enum(['csv', 'xlsx'], { error: '导出格式应为 csv 或 xlsx' }) }),

  /** A meeting's record with its roll (应到/实到/请假/缺席), amendments and what the caller may do. */
  record: z.object({ id }),
  /** Save the draft (or a record sent back): only the fields sent change; `version` is the one read. */
  saveRecord: z.object({
    id,
    version: recordVersion,
    host: personName.nullable().optional(),
    recorder: personName.nullable().optional(),
    topics: topics.optional(),
    decisions: z.string().max(TEXT_LIMITS.decisions, { error: `决议不超过 ${TEXT_LIMITS.decisions} 字` }).optional(),
    minutes: z.string().max(TEXT_LIMITS.minutes, { error: `会议纪要不超过 ${TEXT_LIMITS.minutes} 字` }).optional(),
    photos: z.array(id).max(PHOTO.maxPerRecord, { error: `照片最多 ${PHOTO.maxPerRecord} 张` }).optional(),
    absences: z.array(absenceNote).max(5000).optional(),
  }),
  /** 上报: the record is locked from then on. */
  submitRecord: z.object({ id, version: recordVersion }),
  /** The unit's 机关党委: 已审阅, or back to the branch with a comment. */
  reviewRecord: z.object({ id, approve: z.boolean({ error: '请选择审阅通过或退回' }), comment: comment.optional() }),
  /** 补充更正 of a filed record: who, when and why are kept beside it, the record itself never changes. */
  amendRecord: z.object({
    id,
    field: z.enum(AMENDABLE_FIELDS, { error: '可更正的内容为 主持人/记录人/议题/决议/会议纪要/缺席原因' }),
    value: z.union([z.string().max(TEXT_LIMITS.minutes), topics, absenceNote]),
    reason: z
      .string({ error: '请填写更正原因' })
      .trim()
      .min(TEXT_MIN.reason, { error: `更正原因至少 ${TEXT_MIN.reason} 个字` })
      .max(TEXT_LIMITS.reason, { error: `更正原因不超过 ${TEXT_LIMITS.reason} 字` }),
  }),
  /** A photo of the meeting, base64; images only, size-limited. Answers its id for `saveRecord`. */
  uploadPhoto: z.object({
    activityId: id,
    mime: z.enum(PHOTO.mimes, { error: '只能上传 JPG、PNG 或 WebP 图片' }),
    data: z
      .string({ error: '缺少图片内容' })
      .min(1, { error: '图片为空' })
      .max(PHOTO_BASE64_MAX, { error: `图片过大（上限 ${Math.round(PHOTO.maxBytes / 1000)} KB），请压缩后再传` }),
  }),
  /** A meeting photo, base64, to whoever may read its record. */
  photo: z.object({ id }),
  /** The branch page: rhythm of this period, this year's meetings, leave waiting for a decision. */
  branchOverview: z.object({ branchId: id.optional() }),
  /** A member's view of their branch's meetings with their own attendance and leave. */
  branchMeetings: z.object({ period: rhythmPeriodKey.optional() }),
  /** Records waiting for the unit's review (已上报), or in another state. */
  recordsToReview: z.object({ unitId: id.optional(), state: z.enum(['submitted', 'returned', 'reviewed', 'draft']).default('submitted') }),
  /** Every meeting of a branch or unit in a period with its full record, for the printable page. */
  meetingRecords: z.object(meetingScope),
  /** The same as one workbook: a sheet of meetings, one of attendance, one of amendments. */
  exportRecords: z.object({ ...meetingScope, format: z.enum(['xlsx', 'csv'], { error: '导出格式应为 xlsx 或 csv' }).default('xlsx') }),
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
  withdrawSignUp: z.object({ activityId: id }),
  checkIn: z.object({
    activityId: id,
    token: z.string({ error: '缺少二维码信息' }).trim().min(1, { error: '缺少二维码信息' }).max(TEXT_LIMITS.token, { error: '二维码信息不正确' }),
    location: location.optional(),
    idempotencyKey: z.string().trim().min(8).max(TEXT_LIMITS.idempotencyKey).optional(),
    deviceId,
  }),
  checkOut: z.object({
    activityId: id,
    token: z.string({ error: '请扫描现场大屏上的二维码签退' }).trim().min(1).max(TEXT_LIMITS.token, { error: '二维码信息不正确' }),
    location: location.optional(),
  }),
  requestMakeup: z.object({ activityId: id, reason }),
  reviewMakeup: z.object({ makeupId: id, approve: z.boolean(), comment: z.string().trim().max(TEXT_LIMITS.reason).optional() }),
  addMakeup: z.object({ activityId: id, memberId: id, reason }),
  /** 手动签到: on site, the organizer checks in a member without a phone; an optional note (e.g. 手机没电). */
  manualCheckIn: z.object({ activityId: id, memberId: id, note: z.string().trim().max(TEXT_LIMITS.reason, { error: `备注不超过 ${TEXT_LIMITS.reason} 字` }).optional() }),
  myMakeups: z.object({}),
  /** 未签到: the caller's missed activities that still take a make-up; no input, only the caller's own. */
  missed: z.object({}),
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
  reverseCredit: z.object({ entryId: id, note: correctionNote }),
  /** Organizer reverses every credit of one check-in (a flagged one, say): correcting entries, the check-in itself stays on record. */
  reverseCheckIn: z.object({ activityId: id, memberId: id, note: correctionNote }),
  mine: z.object({ kind: z.enum(ACTIVITY_KINDS).optional() }),
  /** 请假 before a meeting, with a reason. */
  requestLeave: z.object({
    activityId: id,
    reason: z
      .string({ error: '请填写请假事由' })
      .trim()
      .min(TEXT_MIN.reason, { error: `请假事由至少 ${TEXT_MIN.reason} 个字` })
      .max(TEXT_LIMITS.reason, { error: `请假事由不超过 ${TEXT_LIMITS.reason} 字` }),
  }),
  /** The branch approves or declines a leave request. */
  reviewLeave: z.object({ leaveId: id, approve: z.boolean({ error: '请选择准假或不准假' }), comment: comment.optional() }),
  /** The member takes back a leave request that is still waiting. */
  withdrawLeave: z.object({ leaveId: id }),
}

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
    /** How often each meeting type must be held, per level; null: not required there. */
    meetingRhythm: z
      .object({
        branch: z.partialRecord(z.enum(MEETING_TYPES), z.enum(RHYTHMS).nullable()).optional(),
        partyGroup: z.partialRecord(z.enum(MEETING_TYPES), z.enum(RHYTHMS).nullable()).optional(),
      })
      .optional(),
  }),
}

export const aggregate = {
  reconcile: empty,
}

export type ActivityCreateInput = z.input<typeof activity.create>
export type MeetingInput = z.output<typeof meeting>
export type OrgChange = z.output<typeof member.saveOrg>
export type SaveRecordInput = z.output<typeof activity.saveRecord>
export type CheckInInput = z.input<typeof checkin.checkIn>
export type Audience = z.output<typeof audience>
export type GeoPlace = z.output<typeof geoPlace>
export type DeviceLocation = z.output<typeof location>

export { obligations } from './obligationSchemas'
export { notify } from './notifySchemas'
export { places } from './placeSchemas'
export { selection } from './selectionSchemas'
