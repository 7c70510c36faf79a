/**
 * In-memory secondary indexes over the declared keys of a collection, rebuilt when
 * the collection is loaded. They narrow the candidates of a query; mingo then
 * decides on every candidate, so an index only ever has to return a superset.
 */
import type { IndexSpec } from '../../cloudfunctions/api/src/platform/schema'
import { isObjectId, isPlainObject, toEJSON, type Doc } from './ejson'
import { EmulatorError } from './errors'

export type IdKey = string | number

/**
 * The key of a document in LMDB and in memory: strings and numbers as they are; an
 * ObjectId by its hex string, so `doc(hex)` (which the SDK sends as a string, as
 * CloudBase hands the id out) reads the document whose `_id` is that ObjectId.
 */
export function idKeyOf(id: unknown): IdKey {
  if (typeof id === 'string' || typeof id === 'number') return id
  if (isObjectId(id)) return id.toHexString()
  return '\u0000' + toEJSON(id)
}

/**
 * One string per distinct value in MongoDB's equality sense (missing and null are
 * one key, as in a MongoDB index).
 */
export function keyOf(value: unknown): string {
  if (value === null || value === undefined) return 'n'
  switch (typeof value) {
    case 'string':
      return 's' + value
    case 'number':
      return 'd' + value
    case 'boolean':
      return value ? 'T' : 'F'
    case 'object':
      if (value instanceof Date) return 't' + value.getTime()
      if (value instanceof RegExp) return 'r' + String(value)
      return (Array.isArray(value) ? 'a' : 'o') + toEJSON(value)
    default:
      return 'x' + String(value)
  }
}

/**
 * Every value a dotted path reaches in a document, descending into arrays the way
 * MongoDB does; an array also yields its elements, a missing field yields undefined.
 */
export function valuesAt(doc: unknown, path: string): unknown[] {
  const out: unknown[] = []
  collect(doc, path.split('.'), 0, out)
  return out
}

function collect(value: unknown, parts: string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    out.push(value)
    if (Array.isArray(value)) out.push(...value)
    return
  }
  if (Array.isArray(value)) {
    const part = parts[i]
    if (/^\d+$/.test(part) && Number(part) < value.length) collect(value[Number(part)], parts, i + 1, out)
    if (value.length === 0) out.push(undefined)
    for (const element of value) {
      if (isPlainObject(element)) collect(element, parts, i, out)
      else out.push(undefined)
    }
    return
  }
  if (isPlainObject(value)) collect(value[parts[i]], parts, i + 1, out)
  else out.push(undefined)
}

interface Node {
  ids: Set<IdKey>
  children?: Map<string, Node>
}

/** Beyond this many key combinations a document is too wide to index (two big arrays). */
const MAX_COMBINATIONS = 4096

export class IndexTrie {
  readonly fields: string[]
  private readonly root = new Map<string, Node>()

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.keys)
  }

  add(id: IdKey, doc: Doc): void {
    for (const combination of this.combinations(doc)) {
      let level = this.root
      for (let depth = 0; depth < combination.length; depth++) {
        let node = level.get(combination[depth])
        if (!node) level.set(combination[depth], (node = { ids: new Set() }))
        node.ids.add(id)
        if (depth < combination.length - 1) level = node.children ??= new Map()
      }
    }
  }

  remove(id: IdKey, doc: Doc): void {
    for (const combination of this.combinations(doc)) this.removePath(this.root, combination, 0, id)
  }

  private removePath(level: Map<string, Node>, combination: string[], depth: number, id: IdKey): void {
    const node = level.get(combination[depth])
    if (!node) return
    node.ids.delete(id)
    if (node.children && depth < combination.length - 1) this.removePath(node.children, combination, depth + 1, id)
    if (node.ids.size === 0) level.delete(combination[depth])
  }

  /**
   * Ids of documents whose leading fields equal one of the given values each
   * (`prefix[i]` holds the candidate values of field i).
   */
  /** How many ids `lookup(prefix)` gives at most, counted without collecting them. */
  size(prefix: unknown[][]): number {
    let total = 0
    const walk = (level: Map<string, Node>, depth: number) => {
      for (const value of prefix[depth]) {
        const node = level.get(keyOf(value))
        if (!node) continue
        if (depth === prefix.length - 1) total += node.ids.size
        else if (node.children) walk(node.children, depth + 1)
      }
    }
    walk(this.root, 0)
    return total
  }

  lookup(prefix: unknown[][]): Set<IdKey> {
    const result = new Set<IdKey>()
    const walk = (level: Map<string, Node>, depth: number) => {
      for (const value of prefix[depth]) {
        const node = level.get(keyOf(value))
        if (!node) continue
        if (depth === prefix.length - 1) for (const id of node.ids) result.add(id)
        else if (node.children) walk(node.children, depth + 1)
      }
    }
    walk(this.root, 0)
    return result
  }

  /** For a unique index: another document holding one of this document's keys. */
  conflict(id: IdKey, doc: Doc): IdKey | undefined {
    for (const combination of this.combinations(doc)) {
      let level: Map<string, Node> | undefined = this.root
      let node: Node | undefined
      for (const key of combination) {
        node = level?.get(key)
        level = node?.children
        if (!node) break
      }
      if (node) for (const other of node.ids) if (other !== id) return other
    }
    return undefined
  }

  /** Throws for a document this index cannot hold, before any write is applied. */
  validate(doc: Doc): void {
    this.combinations(doc)
  }

  private combinations(doc: Doc): string[][] {
    let result: string[][] = [[]]
    for (const field of this.fields) {
      const keys = [...new Set(valuesAt(doc, field).map(keyOf))]
      if (result.length * keys.length > MAX_COMBINATIONS) {
        // MongoDB refuses compound keys over two arrays ("cannot index parallel arrays").
        throw new EmulatorError(
          'DATABASE_REQUEST_FAILED',
          `cannot index parallel arrays: index ${this.spec.name} (${this.fields.join(', ')})`,
        )
      }
      const next: string[][] = []
      for (const partial of result) for (const key of keys) next.push([...partial, key])
      result = next
    }
    return result
  }
}
