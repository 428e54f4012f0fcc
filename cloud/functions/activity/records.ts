/** A meeting's record: saved while a draft, submitted (locked), reviewed or returned, amended after filing. */
import type { z } from 'zod'
import { PHOTO } from '../../contract/limits'
import type { AmendmentValue, MeetingRecord, MeetingRecordView, RecordAmendment } from '../../contract/model'
import type { activity as schemas } from '../../contract/schemas'
import { assertAmendment, assertMayEditRecord, emptyRecord, filedRollOf, nextRecordState } from '../../domain/branchMeetings'
import { fail } from '../../domain/errors'
import { reviewsRecordsOf } from '../../domain/roles'
import type { AuthedCtx } from '../../runtime/action'
import { StoreError } from '../../store/errors'
import { assertMayReadRecord, assertRunsMeeting, loadMeeting, type Meeting } from './meetingAccess'
import { recordView } from './recordView'

type In<K extends keyof typeof schemas> = z.output<(typeof schemas)[K]>

const STALE = '会议记录已被他人修改，请刷新后再编辑'

export async function readRecord(input: In<'record'>, ctx: AuthedCtx): Promise<MeetingRecordView> {
  const m = await loadMeeting(ctx, input.id)
  assertMayReadRecord(ctx.caller, m)
  return recordView(ctx, ctx.caller, m)
}

/** A meeting the caller runs, named to the audit log. */
async function ownMeeting(ctx: AuthedCtx, id: string): Promise<Meeting> {
  const m = await loadMeeting(ctx, id)
  ctx.audit.actedOn({ activity: m })
  assertRunsMeeting(ctx.caller, m)
  return m
}

/** Write the record, named by the version it was read at; someone else's save in between is a conflict. */
async function write(ctx: AuthedCtx, next: MeetingRecord): Promise<MeetingRecord> {
  return ctx.audit.recording(async () => {
    try {
      return await ctx.store.saveMeetingRecord(next)
    } catch (e) {
      if (e instanceof StoreError && e.kind === 'conflict') fail('CONFLICT', STALE)
      throw e
    }
  })
}

const assertVersion = (stored: MeetingRecord, version: number) => {
  if (stored.version !== version) fail('CONFLICT', STALE, { version: stored.version })
}

export async function saveRecord(input: In<'saveRecord'>, ctx: AuthedCtx): Promise<MeetingRecord> {
  const m = await ownMeeting(ctx, input.id)
  if (m.status === 'cancelled') fail('ACTIVITY_NOT_OPEN', '会议已取消，不能填写记录')
  const view = await recordView(ctx, ctx.caller, m)
  const stored = view.filed
  assertMayEditRecord(stored.state)
  assertVersion(stored, input.version)
  if (input.photos) {
    const added = input.photos.filter((p) => !stored.photos.includes(p))
    const photos = await Promise.all(added.map((id) => ctx.store.getPhoto(id)))
    if (photos.some((p) => !p || p.activityId !== m.id)) fail('BAD_INPUT', '照片不属于本次会议，请重新上传', { field: 'photos' })
  }
  if (input.absences) {
    const absent = new Set(view.roll.rows.filter((r) => r.status === 'absent').map((r) => r.memberId))
    const wrong = input.absences.filter((a) => !absent.has(a.memberId))
    if (wrong.length) fail('BAD_INPUT', '只能为缺席的党员登记缺席原因', { field: 'absences', memberIds: wrong.map((a) => a.memberId) })
  }
  const at = ctx.now().toISOString()
  const next: MeetingRecord = {
    ...stored,
    ...(input.host !== undefined ? { host: input.host || null } : {}),
    ...(input.recorder !== undefined ? { recorder: input.recorder || null } : {}),
    ...(input.topics ? { topics: input.topics.filter((t) => t !== '') } : {}),
    ...(input.decisions !== undefined ? { decisions: input.decisions } : {}),
    ...(input.minutes !== undefined ? { minutes: input.minutes } : {}),
    ...(input.photos ? { photos: [...new Set(input.photos)] } : {}),
    ...(input.absences ? { absences: input.absences } : {}),
    version: stored.version + 1,
    updatedAt: at,
    updatedBy: ctx.caller.id,
  }
  return write(ctx, next)
}

/**
 * 上报: complete records only; from then on it is locked. The roll as it stands now is kept with it
 * (a record sent back and submitted again keeps the newer one), so the rates need not roll it again.
 */
export async function submitRecord(input: In<'submitRecord'>, ctx: AuthedCtx): Promise<MeetingRecord> {
  const m = await ownMeeting(ctx, input.id)
  if (m.status === 'cancelled') fail('ACTIVITY_NOT_OPEN', '会议已取消，不能上报记录')
  const view = await recordView(ctx, ctx.caller, m)
  const stored = view.filed
  assertVersion(stored, input.version)
  const state = nextRecordState(stored.state, 'submit')
  if (view.problems.length) fail('BAD_INPUT', '会议记录还不完整', { problems: view.problems })
  const at = ctx.now().toISOString()
  return write(ctx, {
    ...stored,
    state,
    version: stored.version + 1,
    updatedAt: at,
    updatedBy: ctx.caller.id,
    submittedAt: at,
    submittedBy: ctx.caller.id,
    filedRoll: filedRollOf(view.roll),
  })
}

/** The unit's 机关党委 reviews a submitted record, or sends it back with a comment. */
export async function reviewRecord(input: In<'reviewRecord'>, ctx: AuthedCtx): Promise<MeetingRecord> {
  const m = await loadMeeting(ctx, input.id)
  ctx.audit.actedOn({ activity: m })
  if (!reviewsRecordsOf(ctx.caller, m.unitId)) fail('FORBIDDEN', '只有本单位管理员可以审阅会议记录')
  const stored = (await ctx.store.getMeetingRecord(m.id)) ?? emptyRecord(m.id, m.createdAt)
  const state = nextRecordState(stored.state, input.approve ? 'review' : 'return')
  if (stored.submittedBy === ctx.caller.id) fail('FORBIDDEN', '不能审阅自己上报的记录')
  const comment = input.comment?.trim() || null
  if (!input.approve && !comment) fail('BAD_INPUT', '退回时请填写意见', { field: 'comment' })
  const at = ctx.now().toISOString()
  return write(ctx, { ...stored, state, version: stored.version + 1, reviewedAt: at, reviewedBy: ctx.caller.id, reviewComment: comment })
}

/** 补充更正: appended beside a filed record with who, when and why; the record itself stays as filed. */
export async function amendRecord(input: In<'amendRecord'>, ctx: AuthedCtx): Promise<RecordAmendment> {
  const m = await ownMeeting(ctx, input.id)
  const view = await recordView(ctx, ctx.caller, m)
  if (view.filed.state !== 'submitted' && view.filed.state !== 'reviewed') fail('CONFLICT', '记录尚未上报，请直接修改')
  const value: AmendmentValue = input.value
  assertAmendment(input.field, value, view.roll)
  return ctx.audit.recording(() =>
    ctx.store.insertAmendment({ activityId: m.id, field: input.field, value, reason: input.reason, by: ctx.caller.id, at: ctx.now().toISOString() }),
  )
}

const MAGIC: Record<(typeof PHOTO.mimes)[number], (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (b) => b.length > 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP',
}

/** A photo of the meeting while its record can still be edited; the bytes must be the image the mime says. */
export async function uploadPhoto(input: In<'uploadPhoto'>, ctx: AuthedCtx): Promise<{ id: string }> {
  const m = await ownMeeting(ctx, input.activityId)
  const stored = await ctx.store.getMeetingRecord(m.id)
  if (stored) assertMayEditRecord(stored.state)
  const bytes = Buffer.from(input.data, 'base64')
  if (bytes.length > PHOTO.maxBytes) fail('PAYLOAD_TOO_LARGE', `图片过大（上限 ${Math.round(PHOTO.maxBytes / 1000)} KB），请压缩后再传`)
  if (!MAGIC[input.mime](bytes)) fail('BAD_INPUT', '文件不是有效的图片，请上传 JPG、PNG 或 WebP 照片', { field: 'data' })
  return ctx.audit.recording(() =>
    ctx.store.putPhoto({ activityId: m.id, mime: input.mime, bytes: new Uint8Array(bytes), uploadedBy: ctx.caller.id, uploadedAt: ctx.now().toISOString() }),
  )
}

export async function photo(input: In<'photo'>, ctx: AuthedCtx): Promise<{ id: string; mime: string; data: string }> {
  const p = (await ctx.store.getPhoto(input.id)) ?? fail('NOT_FOUND', '照片不存在')
  const m = await loadMeeting(ctx, p.activityId)
  assertMayReadRecord(ctx.caller, m)
  return { id: p.id, mime: p.mime, data: Buffer.from(p.bytes).toString('base64') }
}
