/**
 * Domain vocabulary shared by the app and the functions. Plain values only (no zod), so pages can
 * import it without pulling validation code into the mini-program bundle.
 */
export const ACTIVITY_KINDS = ['study', 'lecture', 'volunteer'] as const
export type ActivityKind = (typeof ACTIVITY_KINDS)[number]

export const ACTIVITY_KIND_LABEL: Record<ActivityKind, string> = {
  study: '理论学习',
  lecture: '讲座',
  volunteer: '志愿服务',
}

/** Chinese sub-labels an organizer picks from; the kind decides the rules, the label what people call it. */
export const ACTIVITY_SUB_KINDS: Record<ActivityKind, readonly string[]> = {
  study: ['中心组学习', '三会一课', '青年理论学习小组学习', '主题党日'],
  lecture: ['讲座', '处长讲坛', '青年讲座', '党建知识宣讲'],
  volunteer: ['志愿服务', '到社区服务', '夏送清凉', '金秋助学', '冬送温暖'],
}

export const ACTIVITY_STATUSES = ['draft', 'published', 'cancelled'] as const
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number]

export const ROLES = ['member', 'organizer', 'unitAdmin', 'cityAdmin'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABEL: Record<Role, string> = {
  member: '党员',
  organizer: '活动组织者',
  unitAdmin: '单位管理员',
  cityAdmin: '市直机关工委管理员',
}

export const CREDIT_METHODS = ['qr', 'geo', 'makeup', 'manual'] as const
export type CreditMethod = (typeof CREDIT_METHODS)[number]

export const CREDIT_METHOD_LABEL: Record<CreditMethod, string> = {
  qr: '扫码签到',
  geo: '扫码+定位签到',
  makeup: '补签',
  manual: '组织者补录',
}

/** Limits on free text, shared so forms can say them before the server does. */
export const TEXT_LIMITS = {
  title: 60,
  description: 1000,
  placeName: 60,
  bindCode: 32,
  token: 32,
  idempotencyKey: 64,
  id: 40,
  reason: 200,
  /** A name or member number typed to find people in a roster. */
  query: 40,
  /** A certificate's serial and verification code (志愿服务证明). */
  serial: 32,
  verifyCode: 16,
} as const

/** Shortest accepted free text, likewise shared with the forms. */
export const TEXT_MIN = {
  bindCode: 4,
  reason: 2,
  serial: 4,
  verifyCode: 4,
} as const

export const REVIEW_STATUSES = ['pending', 'approved', 'rejected'] as const
export type ReviewStatus = (typeof REVIEW_STATUSES)[number]

export const MAKEUP_STATUS_LABEL: Record<ReviewStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
}
