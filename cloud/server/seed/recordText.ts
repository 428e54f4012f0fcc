/**
 * What the demo city's records of the plan's targets say: the 工委 comrades who attend 民主生活会,
 * notes on checklist scores, and 述职 reports, plain enough to read like a real unit's.
 */
import type { Random } from './random'
import { shuffle } from './branchOrg'

/** Posts of the 市直机关工委 comrades sent to attend (列席) units' 民主生活会. */
export const WORK_COMMITTEE_POSTS = ['市直机关工委副书记', '市直机关工委委员、组织部部长', '市直机关工委委员、宣传部部长', '市直机关纪工委书记']

/** What a 民主生活会 is about, after the unit's name and 领导班子. */
export const democraticTopic = (year: string, r: Random): string =>
  r.pick(['深入学习贯彻党的二十届四中全会精神专题民主生活会', '深入贯彻中央八项规定精神学习教育专题民主生活会', `${year}年度民主生活会`])

/** Per criterion of the default checklist: what a full mark notes, and what a deduction says. */
const NOTES: Record<string, { good: string; short: string[] }> = {
  c1: { good: '按期换届，支委分工明确', short: ['一名支委调离后未及时增补', '党小组划分未随处室调整'] },
  c2: { good: '书记履行第一责任人职责到位', short: ['支委分工未书面明确'] },
  c3: { good: '三会一课按期开展，记录完整', short: ['个别月份支委会记录上报不及时', '党课记录不够详实', '一次主题党日未留影像资料'] },
  c4: { good: '学习计划落实，学习档案完整', short: ['个别党员学习积分偏低', '学习档案更新不及时'] },
  c5: { good: '发展程序规范，材料齐全', short: ['一名发展对象政审材料需补充'] },
  c6: { good: '党费按月足额收缴，台账清楚', short: ['两个月党费收缴台账登记滞后'] },
  c7: { good: '活动阵地规范，制度上墙', short: ['台账资料归档不规范', '活动室制度牌未更新'] },
  c8: { good: '志愿服务常态化，攻坚任务成效明显', short: ['志愿服务参与面不够广'] },
}

export function scoreNote(criterionId: string, full: boolean, r: Random): string | null {
  const n = NOTES[criterionId]
  if (!n) return null
  if (full) return r.chance(0.5) ? n.good : null
  return r.pick(n.short)
}

const UNIT_POINTS = [
  '坚持把党的政治建设摆在首位，机关党委每季度专题研究党建工作',
  '组织开展县处级以上领导干部专题轮训，推动理论学习走深走实',
  '推进党支部标准化规范化建设，创建样板党支部',
  '落实“三会一课”等组织生活制度，每月通报各支部执行情况',
  '加强青年理论学习小组建设，实现青年党员全覆盖',
  '深化模范机关创建，推动党建和业务深度融合',
]
const BRANCH_POINTS = [
  '带头讲党课，组织支部党员集中学习',
  '按期召开支委会、支部党员大会和党小组会，会议记录按时上报',
  '认真落实党费收缴、发展党员等基础工作',
  '围绕处室中心工作开展主题党日和志愿服务',
  '加强对青年党员的教育培养，定期开展谈心谈话',
]
const SHORTFALLS = ['理论学习的系统性还不够强', '党建与业务融合还不够深', '组织生活形式还不够丰富', '对青年党员的思想引导还需加强', '基础台账规范化水平还有差距']
const NEXT_STEPS = ['压紧压实党建工作责任', '持续推进支部标准化规范化建设', '提升组织生活质量', '加强党员教育管理监督']

/** A 述职 report of a 机关党委书记 (on the unit) or a 党支部书记 (on the branch), a few paragraphs long. */
export function dutyReportText(level: 'unit' | 'branch', orgName: string, year: string, r: Random): string {
  const points = shuffle(level === 'unit' ? UNIT_POINTS : BRANCH_POINTS, r).slice(0, 3)
  const num = ['一是', '二是', '三是']
  return [
    `${year}年，${orgName}${level === 'unit' ? '机关党委' : ''}坚持以习近平新时代中国特色社会主义思想为指导，认真履行抓党建工作${level === 'unit' ? '主体责任' : '第一责任人职责'}，现将有关情况报告如下。`,
    `一、主要工作。${points.map((p, i) => `${num[i]}${p}。`).join('')}`,
    `二、存在的不足。${shuffle(SHORTFALLS, r).slice(0, 2).join('；')}。`,
    `三、下一步打算。${shuffle(NEXT_STEPS, r).slice(0, 2).join('，')}，推动各项工作落到实处。`,
  ].join('\n')
}

export const APPRAISAL_COMMENTS: Record<'excellent' | 'good' | 'fair', string> = {
  excellent: '抓党建责任落实到位，工作有特色、有成效。',
  good: '履职尽责较好，建议进一步加强党建与业务融合。',
  fair: '基础工作有短板，请对照问题清单抓好整改。',
}
