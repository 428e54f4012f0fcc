/** Evidence files (images, PDF) behind a unit's records: kept by those who record for it, read by those who see its records. */
import type { z } from 'zod'
import { EVIDENCE } from '../../../contract/limits'
import type { obligations as schemas } from '../../../contract/schemas'
import { fail } from '../../../domain/errors'
import type { AuthedCtx } from '../../../runtime/action'
import { readsRecordsOf, recordsFor } from './access'

type In<K extends keyof typeof schemas> = z.output<(typeof schemas)[K]>
type Mime = (typeof EVIDENCE.mimes)[number]

/** The bytes must be the file the mime says: a renamed file or a script is refused. */
const MAGIC: Record<Mime, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (b) => b.length > 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP',
  'application/pdf': (b) => b.length > 5 && b.toString('latin1', 0, 5) === '%PDF-',
}

export async function uploadEvidence(input: In<'uploadEvidence'>, ctx: AuthedCtx): Promise<{ id: string }> {
  if ((await ctx.store.missingOrgIds('unit', [input.unitId])).length) fail('NOT_FOUND', '单位不存在或已合并')
  if (!(await recordsFor(ctx, input.unitId))) fail('FORBIDDEN', '只能为您负责的单位或党支部上传佐证材料')
  const bytes = Buffer.from(input.data, 'base64')
  if (bytes.length > EVIDENCE.maxBytes) fail('PAYLOAD_TOO_LARGE', `文件过大（上限 ${Math.round(EVIDENCE.maxBytes / 1_000_000)} MB），请压缩后再传`)
  if (!MAGIC[input.mime](bytes)) fail('BAD_INPUT', '文件内容与类型不符，请上传 JPG、PNG、WebP 图片或 PDF 文件', { field: 'data' })
  return ctx.audit.recording(() =>
    ctx.store.putEvidence({
      unitId: input.unitId,
      mime: input.mime,
      name: input.name,
      bytes: new Uint8Array(bytes),
      uploadedBy: ctx.caller.id,
      uploadedAt: ctx.now().toISOString(),
    }),
  )
}

export async function evidence(input: In<'evidence'>, ctx: AuthedCtx): Promise<{ id: string; mime: string; name: string; data: string }> {
  const f = (await ctx.store.getEvidence(input.id)) ?? fail('NOT_FOUND', '佐证材料不存在')
  if (!(await readsRecordsOf(ctx, f.unitId))) fail('FORBIDDEN', '只能查看您负责单位的佐证材料')
  return { id: f.id, mime: f.mime, name: f.name, data: Buffer.from(f.bytes).toString('base64') }
}

/** Evidence a record names must exist and back that unit's records. */
export async function assertEvidence(ctx: AuthedCtx, ids: string[], unitId: string, field = 'evidence'): Promise<void> {
  if (!ids.length) return
  const unique = [...new Set(ids)]
  const files = await ctx.store.evidenceFiles(unique)
  if (files.length < unique.length) fail('BAD_INPUT', '佐证材料不存在，请重新上传', { field })
  if (files.some((f) => f.unitId !== unitId)) fail('BAD_INPUT', '佐证材料不属于该单位，请重新上传', { field })
}
