/**
 * The 我的 page's 使用帮助 and 隐私说明, as short sections a member reads once. Kept beside the page and
 * in line with the README (what is stored, who sees it, how long).
 */
export interface HelpSection {
  id: string
  title: string
  lines: string[]
}

export const HOW_TO: HelpSection[] = [
  {
    id: 'scan',
    title: '扫码签到',
    lines: [
      '到达活动现场后，用微信“扫一扫”或手机相机扫描大屏上的签到码。',
      '签到码每隔几秒刷新，请扫描屏幕上当前的码；需要定位的活动请允许获取位置。',
    ],
  },
  {
    id: 'makeup',
    title: '补签',
    lines: ['错过签到时，进入“我的记录 › 未签到”，在活动结束后 7 天内点“申请补签”并写明原因，组织者审核通过后计入积分。'],
  },
  {
    id: 'leave',
    title: '请假',
    lines: ['支部会议不能参加时，进入“我的支部”，在会议开始前提交请假，支部书记或组织委员审批。'],
  },
  {
    id: 'hours',
    title: '志愿时长',
    lines: ['志愿服务活动签到并签退后，由组织者确认时长；累计时长可在“我的积分 › 志愿证明”查看并出具证明。'],
  },
]

export const PRIVACY: HelpSection[] = [
  {
    id: 'what',
    title: '保存哪些信息',
    lines: ['姓名、手机号、所在单位和支部，以及单位花名册中的出生日期、身份证号；每次签到的时间、位置和手机设备编号（随机生成，不含个人信息）。'],
  },
  {
    id: 'why',
    title: '为什么保存',
    lines: ['用于确认本人在活动现场签到、统计积分和志愿时长；位置和设备编号用于发现代签。'],
  },
  {
    id: 'who',
    title: '谁能看到',
    lines: [
      '您本人可以看到自己的全部记录；本单位的活动组织者和管理员可以看到签到记录。手机号和身份证号仅对本单位管理员完整显示，其他人看到的是隐去部分数字的号码。',
      '排行榜和公示只显示姓名、单位和积分。',
    ],
  },
  {
    id: 'how-long',
    title: '保存多久',
    lines: ['签到记录和积分用于年度考核和评先评优，长期保存；离开本单位后账号停用，已有记录保留。信息有误请联系本单位管理员更正。'],
  },
]
