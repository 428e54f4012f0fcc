/**
 * The plan's own targets and the standard-branch checklist a city starts with; what the city admin
 * saves (`stats.setTarget`, `stats.setChecklist`) tunes or adds to them.
 */
import type { Checklist, Target } from '../../contract/obligations'

const builtIn = (t: Omit<Target, 'active' | 'builtIn' | 'updatedAt' | 'updatedBy' | 'unitIds' | 'deadline'> & Partial<Pick<Target, 'deadline'>>): Target => ({
  deadline: null,
  unitIds: null,
  active: true,
  builtIn: true,
  updatedAt: null,
  updatedBy: null,
  ...t,
})

/** The six targets of the plan, in the order its dashboards show them. */
export const DEFAULT_TARGETS: readonly Target[] = [
  builtIn({
    id: 'youth-coverage',
    kind: 'youthGroup',
    name: '青年理论学习小组全覆盖',
    description: '35 岁以下青年党员全部编入青年理论学习小组，小组每月至少开展一次学习',
    rhythm: 'month',
    params: {},
  }),
  builtIn({
    id: 'branch-rhythm',
    kind: 'meetingRhythm',
    name: '三会一课严格执行',
    description: '每个党支部按规定周期召开支委会、党小组会、支部党员大会，上好党课，并按时上报会议记录',
    rhythm: 'month',
    params: {},
  }),
  builtIn({
    id: 'rotation-training',
    kind: 'training',
    name: '县处级以上领导干部全员轮训',
    description: '县处级及以上领导干部年内参加专题轮训（含补训）',
    rhythm: 'year',
    params: { minRank: 'county' },
  }),
  builtIn({
    id: 'democratic-meeting',
    kind: 'democraticMeeting',
    name: '民主生活会全覆盖列席',
    description: '每个单位领导班子年内召开民主生活会，工委派员列席',
    rhythm: 'year',
    params: {},
  }),
  builtIn({
    id: 'standard-branch',
    kind: 'standardBranch',
    name: '党支部全部达到标准党支部以上',
    description: '年底前所有党支部达到标准党支部，每个单位至少创建 1 个样板党支部',
    rhythm: 'year',
    params: { minGrade: 'standard', modelsPerUnit: 1 },
  }),
  builtIn({
    id: 'duty-report',
    kind: 'dutyReport',
    name: '书记抓党建述职评议',
    description: '机关党委书记、党支部书记年内述职并接受评议',
    rhythm: 'year',
    params: { levels: ['unit', 'branch'] },
  }),
]

/** The city's targets: the plan's own as saved (tuned or switched off), then the ones the city added. */
export function mergeTargets(saved: readonly Target[]): Target[] {
  const byId = new Map(saved.map((t) => [t.id, t]))
  const own = DEFAULT_TARGETS.map((t) => {
    const s = byId.get(t.id)
    return s ? { ...s, kind: t.kind, builtIn: true } : t
  })
  const added = saved.filter((t) => !DEFAULT_TARGETS.some((d) => d.id === t.id)).map((t) => ({ ...t, builtIn: false }))
  return [...own, ...added.sort((a, b) => (a.updatedAt ?? '').localeCompare(b.updatedAt ?? '') || a.id.localeCompare(b.id))]
}

/** A checklist in the spirit of the 党支部标准化规范化建设 standards; 100 points in all. */
export const DEFAULT_CHECKLIST: Checklist = {
  criteria: [
    { id: 'c1', text: '组织设置：按期换届，支委会配备齐全，党小组划分合理', maxScore: 10 },
    { id: 'c2', text: '班子建设：书记履行第一责任人职责，支委分工明确', maxScore: 10 },
    { id: 'c3', text: '组织生活：三会一课、主题党日、组织生活会、民主评议党员按期开展，记录完整', maxScore: 20 },
    { id: 'c4', text: '党员教育管理：学习计划落实，党员积分和学习档案完整', maxScore: 15 },
    { id: 'c5', text: '发展党员：程序规范，材料齐全', maxScore: 10 },
    { id: 'c6', text: '党费收缴：按月足额收缴，台账清楚', maxScore: 10 },
    { id: 'c7', text: '阵地与保障：活动场所、制度上墙、台账资料规范', maxScore: 10 },
    { id: 'c8', text: '作用发挥：围绕中心工作开展志愿服务和攻坚任务，成效明显', maxScore: 15 },
  ],
  thresholds: { standard: 0.6, model: 0.85, exemplary: 0.95 },
  updatedAt: null,
  updatedBy: null,
}
