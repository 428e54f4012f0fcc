import { ApiError } from '../../services/api'
import type { Checklist } from '@cloud/contract/model'
import type { AppraisalGrade, BranchGrade } from '@cloud/contract/vocabulary'
import type { Tone } from '../../components/Badge'
import { shanghai } from '../../utils/time'

/** The year a record counts for by default: this one, in Shanghai. */
export const thisYear = (now = new Date()): string => String(shanghai(now).year())

export const GRADE_TONE: Record<BranchGrade, Tone> = { below: 'primary', standard: 'neutral', model: 'success', exemplary: 'success' }
export const APPRAISAL_TONE: Record<AppraisalGrade, Tone> = { excellent: 'success', good: 'success', fair: 'warning', poor: 'primary' }

/** 60 % → 0.6; blank or out of 0..100 → null. */
export function shareOf(text: string): number | null {
  const t = text.trim()
  if (!t) return null
  const n = Number(t)
  return Number.isFinite(n) && n >= 0 && n <= 100 ? Math.round(n * 10) / 1000 : null
}

/** 0.6 → '60'. */
export const percentText = (share: number): string => String(Math.round(share * 1000) / 10)

/** A refusal in words for a form: the server's message, or each field's problem where it lists them. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiError) {
    const fields = e.details?.fields
    if (Array.isArray(fields) && fields.length) return [...new Set(fields.map((f) => String((f as { message?: unknown }).message ?? '')))].filter(Boolean).join('；')
    return e.message
  }
  return e instanceof Error ? e.message : String(e)
}

/**
 * The grade a total earns on the checklist, shown live while scoring; the same rule as the server's
 * `gradeOf` (cloud/domain/obligations/standardBranch.ts), which decides the saved grade.
 */
export function gradeFor(total: number, maxTotal: number, t: Checklist['thresholds']): BranchGrade {
  if (!(maxTotal > 0)) return 'below'
  const share = total / maxTotal + 1e-9
  return share >= t.exemplary ? 'exemplary' : share >= t.model ? 'model' : share >= t.standard ? 'standard' : 'below'
}
