import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'

/**
 * The layout rules of docs/architecture.md, checked on the source itself:
 * ESLint stops a wrong import as it is written; these tests keep the whole
 * graph honest (cycles only show across files).
 */
const DOMAINS = ['accounts', 'rooms', 'payments', 'chat', 'calls', 'push']
const IMPORT = /(?:from\s+|import\s*\(\s*)'(#[a-z]+)\/([^']+)'/g

type SourceFile = { path: string; area: string; imports: { area: string; path: string }[] }

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return path.endsWith('.ts') ? [path] : []
  })
}

function readApp(): SourceFile[] {
  const root = app.makePath('app')
  return sourceFiles(root).map((file) => {
    const text = readFileSync(file, 'utf8')
    const imports = [...text.matchAll(IMPORT)].map((match) => ({
      area: match[1].slice(1),
      path: match[2],
    }))
    return { path: relative(root, file), area: relative(root, file).split('/')[0], imports }
  })
}

/** Domain-to-domain edges (core and models are below every domain). */
function domainEdges(files: SourceFile[]) {
  const edges = new Map<string, Set<string>>(DOMAINS.map((domain) => [domain, new Set()]))
  for (const file of files) {
    if (!DOMAINS.includes(file.area)) continue
    for (const target of file.imports) {
      if (DOMAINS.includes(target.area) && target.area !== file.area) {
        edges.get(file.area)!.add(target.area)
      }
    }
  }
  return edges
}

function findCycle(edges: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>()
  const visit = (node: string, trail: string[]): string[] | null => {
    if (state.get(node) === 'open') return [...trail, node]
    if (state.get(node) === 'done') return null
    state.set(node, 'open')
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next, [...trail, node])
      if (cycle) return cycle
    }
    state.set(node, 'done')
    return null
  }
  for (const node of edges.keys()) {
    const cycle = visit(node, [])
    if (cycle) return cycle
  }
  return null
}

test.group('Architecture / the shape of app/', () => {
  test('there is no app/services, and every file is a domain, core, models or dev', ({
    assert,
  }) => {
    const areas = new Set(readApp().map((file) => file.area))
    assert.notInclude([...areas], 'services')
    assert.sameMembers([...areas], [...DOMAINS, 'core', 'models', 'dev'])
  })

  test('nothing outside app/dev imports app/dev', ({ assert }) => {
    const offenders = readApp()
      .filter((file) => file.area !== 'dev' && file.imports.some((target) => target.area === 'dev'))
      .map((file) => file.path)
    assert.deepEqual(offenders, [])
  })

  test('a domain reaches another only through its actions, and no domains import in a circle', ({
    assert,
  }) => {
    const files = readApp()
    const internals = files.flatMap((file) =>
      file.imports
        .filter((target) => DOMAINS.includes(file.area) && DOMAINS.includes(target.area))
        .filter((target) => target.area !== file.area && !target.path.startsWith('actions/'))
        .map((target) => `${file.path} → #${target.area}/${target.path}`)
    )
    assert.deepEqual(internals, [])
    assert.isNull(findCycle(domainEdges(files)))
  })

  test('core imports no domain; models only read domain enums', ({ assert }) => {
    const offenders = readApp()
      .filter((file) => file.area === 'core' || file.area === 'models')
      .flatMap((file) =>
        file.imports
          .filter((target) => DOMAINS.includes(target.area))
          .filter((target) => file.area === 'core' || !target.path.startsWith('enums/'))
          .map((target) => `${file.path} → #${target.area}/${target.path}`)
      )
    assert.deepEqual(offenders, [])
  })

  test('no file under app/ is over 250 lines', ({ assert }) => {
    const long = sourceFiles(app.makePath('app'))
      .map((file) => ({ file, lines: readFileSync(file, 'utf8').trimEnd().split('\n').length }))
      .filter(({ lines }) => lines > 250)
      .map(({ file, lines }) => `${relative(app.makePath('app'), file)}: ${lines}`)
    assert.deepEqual(long, [])
  })

  test('the cycle finder finds a cycle', ({ assert }) => {
    const edges = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['a'])],
    ])
    assert.deepEqual(findCycle(edges), ['a', 'b', 'a'])
  })
})
