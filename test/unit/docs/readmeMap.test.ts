/**
 * The README's "How it is built" map is how a newcomer finds their way: every folder it names
 * exists, and every folder of the tree (two levels deep, plus pages and components by name) is named.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = join(__dirname, '../../..')
const readme = readFileSync(join(root, 'README.md'), 'utf8')

/** The map's lines: `[path, description]`, with nested folders joined to their parent's path. */
function mapEntries(): Map<string, string> {
  const section = readme.slice(readme.indexOf('## How it is built'))
  const block = section.slice(section.indexOf('```') + 3, section.indexOf('```', section.indexOf('```') + 3))
  const entries = new Map<string, string>()
  const parents: string[] = []
  let last = ''
  for (const line of block.split('\n')) {
    const m = /^( *)(\S+\/)( .*)?$/.exec(line)
    if (!m) {
      // A continuation line describes the entry above it.
      if (last && line.trim()) entries.set(last, `${entries.get(last)} ${line.trim()}`)
      continue
    }
    const depth = m[1].length / 2
    parents.length = depth
    last = [...parents, m[2]].join('')
    parents.push(m[2])
    entries.set(last, (m[3] ?? '').trim())
  }
  return entries
}

const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean)
/** Tracked folders at a depth, e.g. depth 2 → `src/pages/`. */
const foldersAt = (prefix: string, depth: number): string[] => [
  ...new Set(
    tracked
      .filter((f) => f.startsWith(prefix) && f.split('/').length > depth)
      .map((f) => `${f.split('/').slice(0, depth).join('/')}/`),
  ),
]

describe('README map', () => {
  const entries = mapEntries()

  it('names only folders that exist', () => {
    expect(entries.size).toBeGreaterThan(20)
    for (const path of entries.keys()) expect({ path, exists: existsSync(join(root, path)) }).toEqual({ path, exists: true })
  })

  it('names every top-level folder and every folder of src, cloud, cloud/store and test', () => {
    const wanted = [
      ...foldersAt('', 1).filter((f) => !f.startsWith('.')),
      ...foldersAt('src/', 2),
      ...foldersAt('cloud/', 2),
      ...foldersAt('cloud/store/', 3),
      ...foldersAt('test/', 2),
    ]
    const named = [...entries.keys()]
    // A folder is named by its own line or by a line of a folder inside it (tools/ by tools/stubs/).
    expect(wanted.filter((f) => !named.some((n) => n.startsWith(f)))).toEqual([])
  })

  it('names every page of each package and every component', () => {
    for (const pkg of ['pages', 'organizer', 'admin', 'stats', 'member']) {
      const line = entries.get(`src/${pkg}/`) ?? ''
      const pages = foldersAt(`src/${pkg}/`, 3).map((f) => f.split('/')[2])
      for (const page of pages) expect({ pkg, page, named: line.includes(page) }).toEqual({ pkg, page, named: true })
    }
    const components = entries.get('src/components/') ?? ''
    for (const c of foldersAt('src/components/', 3).map((f) => f.split('/')[2]))
      expect({ c, named: components.includes(c) }).toEqual({ c, named: true })
  })

  it('names every cloud function', () => {
    const line = entries.get('cloud/functions/') ?? ''
    for (const fn of foldersAt('cloud/functions/', 3).map((f) => f.split('/')[2]))
      expect({ fn, named: line.includes(fn) }).toEqual({ fn, named: true })
  })
})
