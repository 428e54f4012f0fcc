import type { z } from 'zod'
import type { stats as schemas } from '../../contract/schemas'
import { fail } from '../../domain/errors'
import type { AuthedCtx } from '../../runtime/action'
import { toFile, type ExportFile } from '../spreadsheet'
import { leaderboard } from './boards'
import { coverage, volunteer } from './dashboards'
import { snapshot } from './selection'

type In<K extends keyof typeof schemas> = z.output<(typeof schemas)[K]>

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`
/** The engine's lights (obligations/engine.ts statusOf), as the sheet spells them. */
const STATUS = { green: '绿（达标：全覆盖且按月学习）', amber: '黄（推进中）', red: '红（滞后：有逾期或临近截止）' }

/** Why a list that is not final cannot be exported yet. */
const FINAL_ONLY = {
  notice: '公示期尚未结束，名单确定后才能导出',
  review: '公示期已满，尚有异议待处理；异议处理完毕、名单确定后才能导出',
  withdrawn: '该名单已因异议成立撤销，请重新生成名单并公示',
} as const

/** Every dashboard view as CSV (UTF-8 with BOM) or XLSX. */
export async function exportStats(input: In<'export'>, ctx: AuthedCtx): Promise<ExportFile> {
  const period = input.period
  switch (input.what) {
    case 'coverage': {
      const c = await coverage({ period }, ctx)
      return toFile(`青年理论学习小组覆盖-${c.period}`, input.format, ['单位', '青年人数', '已覆盖人数', '覆盖率', '按月学习的小组', '小组数', '状态'], c.units.map((u) => [u.unitName, u.youth, u.youthInActiveGroups, pct(u.coverage), u.groupsMeetingMonthly, u.groups.length, STATUS[u.status]]))
    }
    case 'volunteer': {
      const v = await volunteer({ period }, ctx)
      return toFile(`志愿服务统计-${v.period}`, input.format, ['单位', '志愿服务时长(小时)', '党员人数', '参与人数', '参与率', ...v.months], v.units.map((u) => [u.unitName, u.hours, u.members, u.participants, pct(u.participation), ...v.months.map((m) => u.byMonth[m] ?? 0)]))
    }
    case 'leaderboard': {
      const b = await leaderboard({ period, board: input.board, scope: input.scope, unitId: input.unitId, view: 'members' }, ctx)
      return input.board === 'volunteer'
        ? toFile(`志愿服务时长排行-${b.period}`, input.format, ['名次', '姓名', '单位', '志愿服务时长(小时)'], b.rows.map((r) => [r.rank, r.name, r.unitName, r.score]))
        : toFile(`学习积分排行-${b.period}`, input.format, ['名次', '姓名', '单位', '学习积分', '出勤率'], b.rows.map((r) => [r.rank, r.name, r.unitName, r.score, pct(r.attendanceRate)]))
    }
    case 'studyModels': {
      const s = await snapshot({ period }, ctx)
      if (!s) return fail('NOT_FOUND', '该周期尚未评选青年理论学习标兵')
      if (s.status !== 'final') return fail('CONFLICT', FINAL_ONLY[s.status])
      // Entries cancelled by an upheld objection stay on the list on screen, not in the file.
      return toFile(`青年理论学习标兵-${s.period}`, input.format, ['名次', '姓名', '单位', '学习积分', '出勤率', '小组学习出勤率'], s.entries.filter((e) => !e.cancelled).map((e) => [e.rank, e.name, e.unitName, e.score, pct(e.attendanceRate), pct(e.groupAttendanceRate)]))
    }
  }
}
