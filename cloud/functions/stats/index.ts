import { stats as schemas } from '../../contract/schemas'
import { notYet } from '../../runtime/action'

/** Coverage, volunteer totals, leaderboards and the study-model selection arrive with issue #5. */
export const statsActions = {
  coverage: notYet(schemas.coverage, '学习小组覆盖统计'),
  volunteer: notYet(schemas.volunteer, '志愿服务统计'),
  leaderboard: notYet(schemas.leaderboard, '排行榜'),
  myScore: notYet(schemas.myScore, '积分明细'),
  export: notYet(schemas.export, '统计导出'),
  freezeSnapshot: notYet(schemas.freezeSnapshot, '标兵评选公示'),
  certificate: notYet(schemas.certificate, '志愿服务证明'),
}
