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

export const ROLES = ['member', 'organizer', 'unitAdmin', 'cityAdmin', 'branchSecretary', 'branchOrganizer', 'branchCommittee'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABEL: Record<Role, string> = {
  member: '党员',
  organizer: '活动组织者',
  unitAdmin: '单位管理员',
  cityAdmin: '市直机关工委管理员',
  branchSecretary: '支部书记',
  branchOrganizer: '组织委员',
  branchCommittee: '支部委员',
}

/**
 * Roles scoped to one branch (a grant names `branchId` and its `unitId`). The secretary and the
 * 组织委员 run the branch's meetings and see its members; every holder sits on the branch committee
 * (支委会), whose quorum counts them.
 */
export const BRANCH_ROLES = ['branchSecretary', 'branchOrganizer', 'branchCommittee'] as const
export type BranchRole = (typeof BRANCH_ROLES)[number]
export const BRANCH_RUNNING_ROLES: readonly Role[] = ['branchSecretary', 'branchOrganizer']

/** Only 正式党员 vote; 预备党员 attend and speak without a vote. */
export const PARTY_STATUSES = ['full', 'probationary'] as const
export type PartyStatus = (typeof PARTY_STATUSES)[number]
export const PARTY_STATUS_LABEL: Record<PartyStatus, string> = { full: '正式党员', probationary: '预备党员' }

// ---- branch life: 三会一课, 主题党日, 组织生活会, 民主评议党员 ----

export const MEETING_TYPES = ['committee', 'groupMeeting', 'generalMeeting', 'partyLecture', 'themeDay', 'lifeMeeting', 'appraisal'] as const
export type MeetingType = (typeof MEETING_TYPES)[number]

export const MEETING_TYPE_LABEL: Record<MeetingType, string> = {
  committee: '支委会',
  groupMeeting: '党小组会',
  generalMeeting: '支部党员大会',
  partyLecture: '党课',
  themeDay: '主题党日',
  lifeMeeting: '组织生活会',
  appraisal: '民主评议党员',
}

/** The level of the organisation that holds a meeting type: a 党小组 holds 党小组会, the branch the rest. */
export const ORG_LEVELS = ['branch', 'partyGroup'] as const
export type OrgLevel = (typeof ORG_LEVELS)[number]
export const ORG_LEVEL_LABEL: Record<OrgLevel, string> = { branch: '党支部', partyGroup: '党小组' }
export const MEETING_LEVEL: Record<MeetingType, OrgLevel> = {
  committee: 'branch',
  groupMeeting: 'partyGroup',
  generalMeeting: 'branch',
  partyLecture: 'branch',
  themeDay: 'branch',
  lifeMeeting: 'branch',
  appraisal: 'branch',
}

/** How often a type must be held: once in every month, quarter, half year or year (Shanghai calendar). */
export const RHYTHMS = ['month', 'quarter', 'halfYear', 'year'] as const
export type Rhythm = (typeof RHYTHMS)[number]
export const RHYTHM_LABEL: Record<Rhythm, string> = { month: '每月', quarter: '每季度', halfYear: '每半年', year: '每年' }

export const RECORD_STATES = ['draft', 'submitted', 'returned', 'reviewed'] as const
export type RecordState = (typeof RECORD_STATES)[number]
export const RECORD_STATE_LABEL: Record<RecordState, string> = { draft: '未上报', submitted: '已上报', returned: '已退回', reviewed: '已审阅' }

export const ABSENCE_REASONS = ['business', 'sick', 'personal', 'other'] as const
export type AbsenceReason = (typeof ABSENCE_REASONS)[number]
export const ABSENCE_REASON_LABEL: Record<AbsenceReason, string> = { business: '公出', sick: '病假', personal: '事假', other: '其他' }

export const LEAVE_STATUS_LABEL: Record<'pending' | 'approved' | 'rejected', string> = { pending: '待审批', approved: '已准假', rejected: '未准假' }

/** Fields of a filed record that an amendment (补充更正) may correct. */
export const AMENDABLE_FIELDS = ['host', 'recorder', 'topics', 'decisions', 'minutes', 'absence'] as const
export type AmendableField = (typeof AMENDABLE_FIELDS)[number]
export const AMENDABLE_FIELD_LABEL: Record<AmendableField, string> = {
  host: '主持人',
  recorder: '记录人',
  topics: '议题',
  decisions: '决议',
  minutes: '会议纪要',
  absence: '缺席原因',
}

export const CREDIT_METHODS = ['qr', 'geo', 'makeup', 'manual'] as const
export type CreditMethod = (typeof CREDIT_METHODS)[number]

export const CREDIT_METHOD_LABEL: Record<CreditMethod, string> = {
  qr: '扫码签到',
  geo: '扫码+定位签到',
  makeup: '补签',
  manual: '组织者补录',
}

/**
 * Why a check-in looks relayed (a photographed code used by someone not at the venue). A flagged
 * check-in counts; the organizer sees the reason and may reverse its credit.
 */
export const RELAY_FLAGS = ['sharedDevice', 'exactPosition', 'samePosition'] as const
export type RelayFlag = (typeof RELAY_FLAGS)[number]

export const RELAY_FLAG_LABEL: Record<RelayFlag, string> = {
  sharedDevice: '同一手机为多人签到',
  exactPosition: '定位精度异常（精度为 0）',
  samePosition: '与他人定位坐标完全相同',
}

/** Reasons an organizer picks when an in-person activity is published without a location check. */
export const NO_LOCATION_REASONS = ['线上活动', '分散开展（无固定地点）', '场地无法定位'] as const

/** A cadre's rank (职级) on the roster: whom rotation training (全员轮训) reaches, highest first. */
export const CADRE_RANKS = ['bureau', 'county', 'section', 'staff'] as const
export type CadreRank = (typeof CADRE_RANKS)[number]
export const CADRE_RANK_LABEL: Record<CadreRank, string> = { bureau: '厅局级', county: '县处级', section: '乡科级', staff: '一般干部' }

/**
 * What a target of the plan (全覆盖 and the like) asks for, one evaluator each: youth in a youth
 * group that meets monthly, branches keeping the meeting rhythm, cadres trained, each unit's
 * 民主生活会 with a 工委 attendee, branches up to standard, secretaries' 述职评议.
 */
export const TARGET_KINDS = ['youthGroup', 'meetingRhythm', 'training', 'democraticMeeting', 'standardBranch', 'dutyReport'] as const
export type TargetKind = (typeof TARGET_KINDS)[number]
export const TARGET_KIND_LABEL: Record<TargetKind, string> = {
  youthGroup: '青年理论学习小组全覆盖',
  meetingRhythm: '三会一课严格执行',
  training: '领导干部全员轮训',
  democraticMeeting: '民主生活会全覆盖列席',
  standardBranch: '标准化党支部建设',
  dutyReport: '书记述职评议',
}

/** Traffic lights: met; not yet met but within reach (or time remains); overdue or at risk. */
export const OBLIGATION_STATUSES = ['green', 'amber', 'red'] as const
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number]
export const OBLIGATION_STATUS_LABEL: Record<ObligationStatus, string> = { green: '达标', amber: '推进中', red: '滞后' }

/** A branch's grade on the standard-branch checklist (标准化规范化建设). */
export const BRANCH_GRADES = ['below', 'standard', 'model', 'exemplary'] as const
export type BranchGrade = (typeof BRANCH_GRADES)[number]
export const BRANCH_GRADE_LABEL: Record<BranchGrade, string> = { below: '未达标', standard: '标准党支部', model: '样板党支部', exemplary: '示范党支部' }

/** 述职评议: whose report (机关党委书记 for a unit, 党支部书记 for a branch) and its appraisal. */
export const DUTY_LEVELS = ['unit', 'branch'] as const
export type DutyLevel = (typeof DUTY_LEVELS)[number]
export const DUTY_LEVEL_LABEL: Record<DutyLevel, string> = { unit: '机关党委书记', branch: '党支部书记' }
export const APPRAISAL_GRADES = ['excellent', 'good', 'fair', 'poor'] as const
export type AppraisalGrade = (typeof APPRAISAL_GRADES)[number]
export const APPRAISAL_GRADE_LABEL: Record<AppraisalGrade, string> = { excellent: '好', good: '较好', fair: '一般', poor: '差' }

/**
 * What members are reminded of: an activity the day before and 30 minutes before it starts, checking
 * out at the end of a volunteer shift, decisions on their make-up, leave or hours, a filed meeting
 * record sent back, a target's item due in 7 or 3 days or overdue.
 */
export const NOTIFY_KINDS = [
  'activityTomorrow',
  'activitySoon',
  'checkOutDue',
  'makeupDecided',
  'leaveDecided',
  'hoursDecided',
  'recordReturned',
  'obligationDue',
  'obligationOverdue',
  'objectionDecided',
] as const
export type NotifyKind = (typeof NOTIFY_KINDS)[number]
export const NOTIFY_KIND_LABEL: Record<NotifyKind, string> = {
  activityTomorrow: '活动前一天提醒',
  activitySoon: '活动开始前 30 分钟提醒',
  checkOutDue: '志愿服务签退提醒',
  makeupDecided: '补签审核结果',
  leaveDecided: '请假审批结果',
  hoursDecided: '志愿时长审核结果',
  recordReturned: '会议记录退回',
  obligationDue: '目标任务到期提醒',
  obligationOverdue: '目标任务逾期提醒',
  objectionDecided: '公示异议处理结果',
}
/** Sent at once even in quiet hours (22:00–07:00 Shanghai): they are about the next half hour. */
export const URGENT_NOTIFY_KINDS: readonly NotifyKind[] = ['activitySoon', 'checkOutDue']

/**
 * The WeChat subscribe-message templates (订阅消息), one per shape of message; their ids are
 * configuration (README). At most three are asked for at once, as WeChat allows.
 */
export const SUBSCRIBE_TEMPLATES = ['activityReminder', 'reviewResult', 'taskReminder'] as const
export type SubscribeTemplate = (typeof SUBSCRIBE_TEMPLATES)[number]
export const TEMPLATE_OF_KIND: Record<NotifyKind, SubscribeTemplate> = {
  activityTomorrow: 'activityReminder',
  activitySoon: 'activityReminder',
  checkOutDue: 'activityReminder',
  makeupDecided: 'reviewResult',
  leaveDecided: 'reviewResult',
  hoursDecided: 'reviewResult',
  recordReturned: 'reviewResult',
  obligationDue: 'taskReminder',
  obligationOverdue: 'taskReminder',
  objectionDecided: 'reviewResult',
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
  /** An organisation's name: unit, branch, 党小组 or youth group. */
  orgName: 40,
  /** A meeting record: a person's name (主持人, 记录人), one 议题, 决议 and 纪要. */
  personName: 20,
  topic: 200,
  decisions: 2000,
  minutes: 10000,
  comment: 200,
  /** A target's name and its basis in the plan; a checklist criterion; a 述职 report. */
  targetName: 40,
  targetDescription: 300,
  criterion: 200,
  dutyReport: 5000,
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
