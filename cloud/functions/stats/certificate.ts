import { createHmac } from 'node:crypto'
import type { z } from 'zod'
import type { stats as schemas } from '../../contract/schemas'
import { fail } from '../../domain/errors'
import { parsePeriod } from '../../domain/period'
import { maskIdNumber } from '../../domain/privacy'
import { isCityAdmin, isUnitAdminOf } from '../../domain/roles'
import type { AuthedCtx } from '../../runtime/action'
import type { Ctx } from '../../runtime/context'

type In<K extends keyof typeof schemas> = z.output<(typeof schemas)[K]>

export interface CertificateView {
  issued: true
  serial: string
  verifyCode: string
  name: string
  /** Null when no ID number is on file: the certificate then leaves the line out. */
  maskedId: string | null
  period: string
  hours: number
  activities: number
  issuingUnit: string
  issuedAt: string
  verifyUrl: string
}

/** No confirmed volunteer hours in the period yet: a normal answer (nothing to certify), not an error. */
export interface NoCertificate {
  issued: false
  period: string
  name: string
}

/** The verification code is derived from the certificate, so a forged serial cannot carry a valid code. */
const codeFor = (serialSeed: string, memberId: string, hours: number) =>
  createHmac('sha256', 'party-checkin-certificate').update(`${serialSeed}|${memberId}|${hours}`).digest('hex').slice(0, 8).toUpperCase()

/**
 * 志愿服务证明: a member's own, or one an admin of their unit issues. Same hours → same certificate.
 * Without confirmed hours in the period there is nothing to certify yet, which is an answer.
 */
export async function certificate(input: In<'certificate'>, ctx: AuthedCtx): Promise<CertificateView | NoCertificate> {
  const memberId = input.memberId ?? ctx.caller.id
  const subject = (await ctx.store.stats.certificateSubject(memberId)) ?? fail('NOT_FOUND', '党员不存在')
  if (memberId !== ctx.caller.id && !isCityAdmin(ctx.caller) && !isUnitAdminOf(ctx.caller, subject.unitId))
    fail('FORBIDDEN', '只能为本人或本单位党员开具证明')
  const p = parsePeriod(input.period, ctx.now())
  const { hours, activities } = await ctx.store.stats.volunteerSummary(memberId, p.start, p.end)
  if (hours <= 0) return { issued: false, period: p.key, name: subject.name }
  const cert =
    (await ctx.store.findCertificate(memberId, p.key, hours)) ??
    (await ctx.store.insertCertificate({
      memberId,
      period: p.key,
      hours,
      activities,
      issuingUnit: subject.unitName,
      verifyCode: codeFor(`${p.key}|${ctx.now().toISOString()}`, memberId, hours),
      issuedAt: ctx.now().toISOString(),
      issuedBy: ctx.caller.id,
    }))
  return view(ctx, cert, subject)
}

function view(
  ctx: Ctx,
  cert: { serial: string; verifyCode: string; period: string; hours: number; activities: number; issuingUnit: string; issuedAt: string },
  subject: { name: string; idNumber: string | null },
): CertificateView {
  return {
    issued: true,
    serial: cert.serial,
    verifyCode: cert.verifyCode,
    name: subject.name,
    maskedId: subject.idNumber ? maskIdNumber(subject.idNumber) : null,
    period: cert.period,
    hours: cert.hours,
    activities: cert.activities,
    issuingUnit: cert.issuingUnit,
    issuedAt: cert.issuedAt,
    verifyUrl: `${ctx.publicUrl.replace(/\/$/, '')}/pages/verify/index?s=${encodeURIComponent(cert.serial)}&c=${encodeURIComponent(cert.verifyCode)}`,
  }
}

/** Anyone holding the serial and code can check a certificate; the name is partly hidden. */
export async function verifyCertificate(input: In<'verifyCertificate'>, ctx: Ctx) {
  const cert = await ctx.store.certificateBySerial(input.serial.toUpperCase())
  if (!cert || cert.verifyCode !== input.code.toUpperCase()) fail('NOT_FOUND', '证书编号或验证码不正确，未找到该志愿服务证明')
  const subject = (await ctx.store.stats.certificateSubject(cert.memberId)) ?? fail('NOT_FOUND', '证书持有人不存在')
  const { issued: _issued, verifyCode: _hidden, verifyUrl: _url, ...rest } = view(ctx, cert, { ...subject, name: subject.name.slice(0, 1) + '*'.repeat(Math.max(1, [...subject.name].length - 1)) })
  return { valid: true, ...rest }
}
