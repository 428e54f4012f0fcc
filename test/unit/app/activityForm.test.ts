/**
 * The create and edit forms' pure parts (src/organizer/shared/schedule.ts, audience.ts): lengths up to
 * a volunteer day or a custom end the same day, 签到截止 per kind, an activity read back into the form,
 * and a city admin's audience.
 */
import { anActivity } from '../../helpers/domain'
import { audienceOf, INITIAL_PICK, matching, namesLine, pickOf } from '../../../src/organizer/shared/audience'
import { closesOf, scheduleOf, scheduleTimes, windowNote, type Schedule } from '../../../src/organizer/shared/schedule'

const base: Schedule = { date: '2026-11-21', time: '08:30', duration: '1.5', endTime: '17:00', closes: null }

describe('schedule', () => {
  it('a duration chip, 半天 and 全天, or a custom end the same day', () => {
    expect(scheduleTimes(base)).toEqual({ startAt: '2026-11-21T00:30:00.000Z', endAt: '2026-11-21T02:00:00.000Z' })
    expect(scheduleTimes({ ...base, duration: 'half' })).toMatchObject({ endAt: '2026-11-21T04:30:00.000Z' })
    expect(scheduleTimes({ ...base, duration: 'full' })).toMatchObject({ endAt: '2026-11-21T08:30:00.000Z' })
    expect(scheduleTimes({ ...base, duration: 'custom', endTime: '17:00' })).toMatchObject({ endAt: '2026-11-21T09:00:00.000Z' })
  })

  it('a custom end before the start, or longer than 12 hours, is refused with the reason', () => {
    expect(scheduleTimes({ ...base, duration: 'custom', endTime: '08:00' })).toEqual({ problem: '结束时间应晚于开始时间（同一天内）' })
    expect(scheduleTimes({ ...base, time: '06:00', duration: 'custom', endTime: '18:30' })).toEqual({ problem: '单次活动最长 12 小时；跨天的活动请按天分别发布' })
  })

  it('签到截止: the kind\'s default until chosen, said in words', () => {
    expect(closesOf('lecture', base)).toBe(30)
    expect(closesOf('volunteer', base)).toBe('end')
    expect(closesOf('volunteer', { closes: 15 })).toBe(15)
    expect(windowNote('volunteer', 'end')).toMatch(/^签到时间：开始前 30 分钟至活动结束；/)
    expect(windowNote('lecture', 60)).toBe('签到时间：开始前 30 分钟至开始后 1 小时；签到码自动刷新。')
  })

  it('an activity read back: its length as a chip when one fits, its window as chosen unless the default', () => {
    const day = anActivity('2026-11-21T00:30:00.000Z', '2026-11-21T08:30:00.000Z', { kind: 'volunteer', checkInClosesAt: '2026-11-21T08:30:00.000Z' })
    expect(scheduleOf(day)).toEqual({ date: '2026-11-21', time: '08:30', duration: 'full', endTime: '16:30', closes: null })
    const odd = anActivity('2026-11-21T00:30:00.000Z', '2026-11-21T02:15:00.000Z', { checkInClosesAt: '2026-11-21T01:30:00.000Z' })
    expect(scheduleOf(odd)).toMatchObject({ duration: 'custom', endTime: '10:15', closes: 60 })
  })
})

describe('audience', () => {
  it('a city admin\'s units or groups, with what to do when none is picked', () => {
    expect(audienceOf({ ...INITIAL_PICK, scope: 'units', unitIds: ['u02', 'u04'] }, [], true)).toEqual({ audience: { type: 'units', unitIds: ['u02', 'u04'] }, problem: null })
    expect(audienceOf({ ...INITIAL_PICK, scope: 'groups' }, [], true)).toEqual({ audience: null, problem: '请至少选择一个青年理论学习小组' })
    expect(audienceOf(INITIAL_PICK, [], true)).toEqual({ audience: { type: 'all' }, problem: null })
    expect(pickOf({ type: 'units', unitIds: ['u03'] }, [], true)).toMatchObject({ scope: 'units', unitIds: ['u03'] })
  })

  it('search by part of a name; names in a short line', () => {
    const units = [{ name: '市财政局' }, { name: '市政府办公室' }, { name: '市教育局' }]
    expect(matching(units, '局').map((u) => u.name)).toEqual(['市财政局', '市教育局'])
    expect(matching(units, ' ')).toHaveLength(3)
    expect(namesLine(['甲', '乙', '丙', '丁'])).toBe('甲、乙、丙 等 4 个')
  })
})
