/** A small seeded PRNG (mulberry32) so every fresh demo city is the same city. */
export function seededRandom(seed: number) {
  let a = seed >>> 0
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min: number, max: number): number => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
    chance: (p: number): boolean => next() < p,
  }
}
export type Random = ReturnType<typeof seededRandom>

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
const GIVEN = '伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红建国志文斌宇浩凯婷雪琳晨阳欣怡佳慧晓峰海波鹏飞俊辉丹蕾倩颖瑞博思远嘉宁子涵梓萱一诺雨桐浩然'

export function chineseName(r: Random): string {
  const given = r.chance(0.6) ? r.pick([...GIVEN]) + r.pick([...GIVEN]) : r.pick([...GIVEN])
  return r.pick([...SURNAMES]) + given
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789' // no 0/O, 1/I: read aloud and typed on phones

export function bindCode(r: Random): string {
  let s = ''
  for (let i = 0; i < 8; i++) s += CODE_ALPHABET[Math.floor(r.next() * CODE_ALPHABET.length)]
  return s
}
