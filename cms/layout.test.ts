/**
 * The CMS's folders depend on each other in one direction only (collections use access, audit and
 * hooks; plugins use collections' slugs, access and audit; nothing leads back), so a newcomer can
 * change one folder knowing what it may affect. A cycle between folders fails here, naming it.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const cms = import.meta.dirname

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return ['.next', 'node_modules', 'migrations', 'app'].includes(entry.name) ? [] : sourceFiles(full)
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : []
  })
}

/** A file's unit: its top folder under cms/ (collections, plugins, …), or the file itself. */
const unitOf = (file: string): string =>
  path
    .relative(cms, file)
    .split(path.sep)[0]
    .replace(/\.(ts|tsx)$/, '')

function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>()
  for (const file of sourceFiles(cms)) {
    const from = unitOf(file)
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = path.resolve(path.dirname(file), spec)
      if (!target.startsWith(cms + path.sep)) continue
      const to = unitOf(target)
      if (to !== from) graph.set(from, (graph.get(from) ?? new Set()).add(to))
    }
  }
  return graph
}

function cycles(graph: Map<string, Set<string>>): string[][] {
  const found: string[][] = []
  const visit = (node: string, trail: string[]) => {
    for (const next of graph.get(node) ?? []) {
      const at = trail.indexOf(next)
      if (at >= 0) found.push([...trail.slice(at), next])
      else visit(next, [...trail, next])
    }
  }
  for (const node of graph.keys()) visit(node, [node])
  return found
}

describe('the CMS folders', () => {
  it('import each other without cycles', () => {
    const graph = folderGraph()
    expect(graph.size).toBeGreaterThan(5)
    expect(cycles(graph).map((cycle) => cycle.join(' → '))).toEqual([])
  })

  it('keep one-owner hooks with their owner: cms/hooks holds only hooks shared by collections', () => {
    const shared = readdirSync(path.join(cms, 'hooks'))
    for (const file of shared) {
      const name = file.replace(/\.ts$/, '')
      const users = sourceFiles(cms).filter((source) => new RegExp(`hooks/${name}['"]`).test(readFileSync(source, 'utf8')))
      expect(users.length, `${file} is used by ${users.length} file(s)`).toBeGreaterThan(1)
    }
  })
})
