/**
 * Numeric limits of the contract as plain values: the schemas validate with them and the functions
 * cap their answers with them, and forms say them before the server does. No zod here, so pages can
 * import them without pulling validation code into the mini-program bundle.
 */

/** A check-in radius in metres: an activity's place, and the policy's default. */
export const RADIUS_M = { min: 50, max: 3000 } as const

/** Places on an activity that takes sign-ups (no number: no limit). */
export const CAPACITY = { min: 1, max: 100_000 } as const

/** What the city admin may set in a policy version (`stats.setPolicy`), each a whole number. */
export const POLICY_RANGES = {
  pointsPerKind: { min: 0, max: 20 },
  dailyPointsCap: { min: 1, max: 100 },
  youthAgeLimit: { min: 28, max: 45 },
  defaultRadiusM: RADIUS_M,
  qrPeriodSec: { min: 10, max: 60 },
} as const

/** Volunteer hours an organizer confirms for someone who did not check out (`checkin.confirmHours`). */
export const CONFIRM_HOURS = { min: 0.5, max: 12, step: 0.5 } as const

/** The study-model selection (`stats.freezeSnapshot`) and its public notice (公示). */
export const SELECTION = {
  topN: { min: 1, max: 200, default: 10 },
  minGroupAttendance: { min: 0, max: 1, default: 0.8 },
  noticeDays: 7,
} as const

/** A roster file travels base64 in one `member.importRoster` call: at most this many characters… */
export const ROSTER_FILE_MAX = 5_000_000
/** …which is this many bytes of file (base64 carries 3 bytes in 4 characters). */
export const ROSTER_FILE_MAX_BYTES = (ROSTER_FILE_MAX / 4) * 3
/** Data rows one roster import takes; more go in batches. */
export const ROSTER_ROWS_MAX = 20_000

/** The most rows a list answers: `member.roster` (people of a unit), `member.auditLog` (newest first). */
export const LIST_MAX = { roster: 2000, audit: 500 } as const

/** A meeting record's photos: images only (JPEG, PNG, WebP), each at most this size, this many per record. */
export const PHOTO = { maxBytes: 1_000_000, maxPerRecord: 9, mimes: ['image/jpeg', 'image/png', 'image/webp'] } as const
/** A photo travels base64 in one `activity.uploadPhoto` call (3 bytes in 4 characters), plus a little. */
export const PHOTO_BASE64_MAX = Math.ceil(PHOTO.maxBytes / 3) * 4
/** 议题 on one record; members moved in one `member.saveOrg` call. */
export const MEETING_LIMITS = { topics: 30, moveMembers: 500 } as const

/**
 * Evidence for an obligation (a 民主生活会, a checklist score, a 述职 report): images or PDF, each at
 * most this size, this many per record; it travels base64 in one `stats.uploadEvidence` call.
 */
export const EVIDENCE = { maxBytes: 2_000_000, maxPerRecord: 9, mimes: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] } as const
export const EVIDENCE_BASE64_MAX = Math.ceil(EVIDENCE.maxBytes / 3) * 4
/** Targets a city keeps; criteria on the standard-branch checklist; the highest score of one criterion. */
export const OBLIGATION_LIMITS = { targets: 40, criteria: 40, criterionMaxScore: 100 } as const

/** Saved check-in places per unit (meeting rooms, 党性教育基地). */
export const PLACE_LIMITS = { perUnit: 20 } as const

/**
 * An activity's length and its check-in window (`activity.create`/`update`, `extendCheckIn`): one
 * activity lasts at most a volunteer day; check-in opens at most so long before the start; 延长签到
 * adds one of these steps.
 */
export const ACTIVITY_HOURS = { max: 12 } as const
export const CHECK_IN_WINDOW = {
  opensBeforeMaxMin: 120,
  closesAfterStartChoices: [15, 30, 60],
  extendChoices: [15, 30, 60],
} as const

/**
 * 学习材料 on an activity: links (学习强国, 人民网, 共产党员网 articles) members open before or during a
 * study session; at most this many, each with a short title and an http(s) address.
 */
export const MATERIALS = { max: 5, titleMax: 60, urlMax: 500 } as const
/** A material's address: http(s) with a host, no spaces (the form checks it before the server does). */
export const MATERIAL_URL = /^https?:\/\/[^\s/?#]+\S*$/i
