/**
 * 学习材料 on the create and edit forms: what the form lets through `activity.update` takes, and what it
 * refuses the schema refuses too, with a Chinese message that says what to do.
 */
import { activity } from '../../../cloud/contract/schemas'
import { MATERIALS } from '../../../cloud/contract/limits'
import { materialOf, materialProblem, pendingProblem } from '../../../src/organizer/shared/materials'

const schemaTakes = (title: string, url: string) => activity.update.safeParse({ id: 'a1', materials: [materialOf(title, url)] }).success

test.each([
  ['学习强国文章', 'https://www.xuexi.cn/lgpage/detail/index.html?id=1', true],
  ['人民网', ' HTTP://opinion.people.com.cn/a.html ', true],
  ['脚本', 'javascript:alert(1)', false],
  ['文件', 'ftp://files.example.gov.cn/a.docx', false],
  ['没有协议', 'www.xuexi.cn/a', false],
  ['空地址', 'https://', false],
  ['  ', 'https://www.12371.cn/a.html', false],
  ['长'.repeat(MATERIALS.titleMax + 1), 'https://www.12371.cn/a.html', false],
  ['长链接', `https://www.12371.cn/${'a'.repeat(MATERIALS.urlMax)}`, false],
])('%s %s: the form and the schema agree (%s)', (title, url, ok) => {
  const problem = materialProblem(title, url, 0)
  expect(problem === null).toBe(ok)
  if (problem) expect(problem).toMatch(/[\u4e00-\u9fff]/)
  expect(schemaTakes(title, url)).toBe(ok)
})

test('a sixth material is refused by the form and by the schema', () => {
  expect(materialProblem('第六项', 'https://www.12371.cn/6.html', MATERIALS.max)).toContain(`最多 ${MATERIALS.max} 项`)
  const six = Array.from({ length: MATERIALS.max + 1 }, (_, i) => ({ title: `材料${i}`, url: `https://www.12371.cn/${i}.html` }))
  expect(activity.update.safeParse({ id: 'a1', materials: six }).success).toBe(false)
})

test('a title or link typed but not added stops the save, with what to do', () => {
  expect(pendingProblem('', '  ')).toBeNull()
  expect(pendingProblem('党课讲稿', '')).toContain('添加')
})
