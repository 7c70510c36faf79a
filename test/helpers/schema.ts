/**
 * Reading an action's zod input schema the way a test needs it: every string a payload
 * can carry, where it sits, and whether the router checks it with WeChat before the
 * action runs. Walks zod 4's definitions (object, optional, nullable, default, array,
 * pipe, union); a kind of schema it does not know fails the test rather than hiding a field.
 */
import type { z } from 'zod'
import { moderatedText } from '../../cloudfunctions/api/src/platform/validation'

export type Path = Array<string | number>

export interface StringLeaf {
  path: Path
  schema: z.ZodString
  /** the fewest items of each array on the way (to build a valid payload) */
  arrayMin: number
}

/* eslint-disable @typescript-eslint/no-explicit-any */
type Def = { type: string; [k: string]: any }
const defOf = (schema: z.ZodType): Def => (schema as any)._zod.def

export function stringLeaves(schema: z.ZodType, path: Path = [], arrayMin = 0): StringLeaf[] {
  const def = defOf(schema)
  switch (def.type) {
    case 'string':
      return [{ path, schema: schema as z.ZodString, arrayMin }]
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, v]) => stringLeaves(v, [...path, k], arrayMin))
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return stringLeaves(def.innerType, path, arrayMin)
    case 'array': {
      const min = (def.checks ?? []).map((c: any) => c._zod.def).find((c: any) => c.check === 'min_length')?.minimum ?? 0
      return stringLeaves(def.element, [...path, 0], Math.max(arrayMin, min))
    }
    case 'pipe':
      return stringLeaves(def.in, path, arrayMin)
    case 'union':
      return (def.options as z.ZodType[]).flatMap((o) => stringLeaves(o, path, arrayMin))
    case 'number':
    case 'int':
    case 'boolean':
    case 'enum':
    case 'literal':
    case 'date':
    case 'unknown':
      return []
    default:
      throw new Error(`schema walk: unknown zod type ${def.type} at ${path.join('.') || '(root)'}`)
  }
}

export interface ModeratedField {
  path: Path
  min: number
  max: number
  arrayMin: number
}

/** The strings the router sends to WeChat's text check before the action runs. */
export function moderatedFields(schema: z.ZodType): ModeratedField[] {
  return stringLeaves(schema)
    .filter((leaf) => moderatedText.has(leaf.schema))
    .map((leaf) => ({ path: leaf.path, min: leaf.schema.minLength ?? 0, max: leaf.schema.maxLength ?? 1000, arrayMin: leaf.arrayMin }))
}

/** A copy of the payload with `value` at `path`; an array on the way gets enough neighbours to be valid. */
export function withValueAt(payload: unknown, path: Path, value: unknown, arrayMin = 0): unknown {
  const root: any = structuredClone(payload ?? {})
  let at = root
  for (const [i, key] of path.entries()) {
    const last = i === path.length - 1
    if (last) {
      at[key] = value
      break
    }
    if (typeof path[i + 1] === 'number' && !Array.isArray(at[key])) {
      at[key] = Array.from({ length: Math.max(arrayMin, 1) }, (_, j) => `选项${j + 1}`)
    } else if (at[key] === undefined || at[key] === null) {
      at[key] = {}
    }
    at = at[key]
  }
  return root
}
