/**
 * What the demo city's meeting records say: 议题, 决议 and the body of the 纪要 for each meeting type,
 * plain enough to read like a real branch's minutes.
 */
import type { MeetingType } from '../../contract/vocabulary'
import type { Random } from './random'
import { shuffle } from './branchOrg'

export const THEME_DAYS = [
  '重温入党誓词，牢记初心使命',
  '学习《中国共产党章程》',
  '走进红色教育基地',
  '“我为群众办实事”志愿服务',
  '观看警示教育片',
  '学习党的创新理论',
  '庆祝中国共产党成立纪念日',
  '清廉机关建设专题学习',
  '学习贯彻全会精神',
  '党员身边的榜样故事分享',
  '保密知识学习和警示教育',
  '年度党员学习成果交流',
]

export const PARTY_LECTURES = [
  '坚定理想信念，筑牢信仰之基',
  '以高质量党建引领机关高质量发展',
  '弘扬伟大建党精神，争做模范机关党员',
  '加强作风建设，锤炼过硬本领',
]

const TOPICS: Record<MeetingType, string[]> = {
  committee: [
    '传达学习上级党组织近期工作部署',
    '研究本月“三会一课”和主题党日安排',
    '讨论入党积极分子培养考察情况',
    '研究党费收缴和使用情况',
    '研究支部下一阶段重点工作',
    '研究困难党员走访慰问事宜',
    '讨论支部党建工作台账整理情况',
  ],
  groupMeeting: ['学习近期重要讲话精神', '交流本月学习体会', '开展谈心谈话和批评与自我批评', '收缴本月党费', '讨论处室业务工作中的党建问题'],
  generalMeeting: [
    '通报支部上季度工作情况和本季度工作安排',
    '讨论预备党员转正事宜',
    '传达学习上级会议精神',
    '通报党费收缴情况',
    '讨论确定入党积极分子',
  ],
  partyLecture: ['支部书记讲专题党课', '党员交流学习体会'],
  themeDay: ['集体学习', '交流发言', '开展主题实践活动'],
  lifeMeeting: ['通报上年度组织生活会整改落实情况', '支部班子对照检查', '党员逐一进行批评与自我批评', '开展民主评议党员', '制定整改措施'],
  appraisal: ['党员个人自评', '党员互评', '支部综合评定'],
}

const DECISIONS: Record<MeetingType, string[]> = {
  committee: [
    '同意本月主题党日活动方案，由组织委员具体落实',
    '同意将两名同志列为入党积极分子，确定培养联系人',
    '党费收缴情况按季度在支部内公示',
    '下月支部党员大会议程由支部书记牵头拟定',
    '走访慰问困难党员两名，慰问金从党费中列支',
  ],
  groupMeeting: ['小组成员每人撰写一篇学习心得，月底前交组长', '下次小组会围绕业务工作中的难点开展讨论'],
  generalMeeting: [
    '经举手表决，同意预备党员按期转正',
    '通过本季度支部工作安排',
    '同意将一名同志确定为发展对象，报上级党组织备案',
    '党员按时足额缴纳党费，支部每季度公示一次',
  ],
  partyLecture: ['党员结合岗位撰写学习心得，两周内交支部'],
  themeDay: ['活动照片和学习材料归入支部台账', '下次主题党日由第二党小组牵头组织'],
  lifeMeeting: ['形成支部班子问题清单和整改措施，限期整改', '民主评议结果报机关党委备案'],
  appraisal: ['评议结果报机关党委备案'],
}

const BODIES: Record<MeetingType, string> = {
  committee: '支部委员逐项讨论了会议议题，结合处室工作实际提出意见建议，对下一阶段工作作出安排。',
  groupMeeting: '小组成员逐一发言，结合本职工作交流学习体会，相互提出改进意见。',
  generalMeeting: '与会党员认真听取了支部工作通报，围绕议题充分发表意见，会议按程序进行了表决。',
  partyLecture: '支部书记结合机关工作实际讲授专题党课，党员认真聆听并作交流发言。',
  themeDay: '全体党员按计划开展主题党日活动，大家表示要把学习成果转化为做好本职工作的实际行动。',
  lifeMeeting: '支部班子作对照检查，党员逐一发言，开展批评与自我批评，态度诚恳，达到了红红脸、出出汗的效果。',
  appraisal: '党员逐一进行个人自评和相互评议，支部综合评定。',
}

export function topicsFor(type: MeetingType, title: string, r: Random): string[] {
  if (type === 'partyLecture') return [`专题党课：${title.replace(/^党课：/, '')}`, TOPICS.partyLecture[1]]
  if (type === 'themeDay') return [`${title.replace(/^.*主题党日：/, '')}`, ...shuffle(TOPICS.themeDay, r).slice(0, r.int(1, 2))]
  return shuffle(TOPICS[type], r).slice(0, r.int(2, 3))
}

export function decisionsFor(type: MeetingType, r: Random): string {
  return shuffle(DECISIONS[type], r)
    .slice(0, r.int(1, 2))
    .map((d, i) => `${i + 1}. ${d}。`)
    .join('\n')
}

export interface MinutesFacts {
  date: string
  place: string
  host: string
  expected: number
  present: number
  leave: number
  absent: number
  topics: string[]
}

export function minutesFor(type: MeetingType, f: MinutesFacts): string {
  const counts = `应到 ${f.expected} 人，实到 ${f.present} 人` + (f.leave ? `，请假 ${f.leave} 人` : '') + (f.absent ? `，缺席 ${f.absent} 人` : '')
  return [
    `${f.date}，会议在${f.place}召开，由${f.host}同志主持。${counts}。`,
    `会议议程：${f.topics.map((t, i) => `${i + 1}. ${t}`).join('；')}。`,
    BODIES[type],
    '会议在规定时间内完成各项议程。',
  ].join('\n')
}

export const LEAVE_REASONS = ['到外地参加业务培训', '陪同领导外出调研', '孩子生病需要照顾', '参加市里专题会议', '身体不适，需到医院复查', '下乡开展督查']
export const ABSENCE_NOTES: Record<'business' | 'sick' | 'personal' | 'other', string[]> = {
  business: ['临时外出办理公务', '参加上级部门会议'],
  sick: ['当日发烧请病假', '住院治疗'],
  personal: ['家中有急事', '处理家中老人就医事宜'],
  other: ['会议通知未及时收到', '值班未能离岗'],
}
