/**
 * Where mingo (7.2.7, the newest release) answers differently from MongoDB, or
 * lacks an operator CloudBase has, our own operators take its place. They are
 * passed as one mingo Context holding every operator: the `mingo` entry point
 * would merge a caller's context *under* its own, so the emulator uses mingo's
 * Query, Aggregator and update without it.
 */
import Ajv, { type SchemaValidateFunction } from 'ajv'
import { ObjectId } from 'bson'
import { Context, evalExpr } from 'mingo/core'
import * as accumulatorOperators from 'mingo/operators/accumulator'
import * as expressionOperators from 'mingo/operators/expression'
import * as pipelineOperators from 'mingo/operators/pipeline'
import * as projectionOperators from 'mingo/operators/projection'
import * as queryOperators from 'mingo/operators/query'
import * as windowOperators from 'mingo/operators/window'
import { Query } from 'mingo/query'
import type { Options } from 'mingo/types'
import { MingoError, resolve } from 'mingo/util'
import { isPlainObject, type Doc } from './ejson'
import { distanceFrom, intersectsTest, nearOf, withinTest } from './geo'

const LOGICAL = new Set(['$and', '$or', '$nor'])

/**
 * Which array elements `$elemMatch` criteria accept. Document criteria (`{b: …}`,
 * `$and`/`$or`/`$nor`) test only elements that are embedded documents (MongoDB's
 * ElemMatchObject; an array element counts as a document keyed by index): mingo
 * also tests numbers and strings against them, so `[1, 2, 3]` matched
 * `{$elemMatch: {b: {$ne: 2}}}`, `{b: {$mod: [2, 1]}}` and more. Value criteria
 * (operators only: `{$gt: 1}`) test every element.
 */
function elementTest(criteria: unknown, options: Options): (element: unknown) => boolean {
  if (!isPlainObject(criteria)) throw new MingoError('$elemMatch needs an object')
  const keys = Object.keys(criteria)
  const valueForm = keys.length > 0 && keys.every((key) => key.startsWith('$') && !LOGICAL.has(key))
  if (valueForm) {
    const query = new Query({ element: criteria }, options)
    return (element) => query.test({ element })
  }
  const query = new Query(criteria, options)
  return (element) => {
    if (isPlainObject(element)) return query.test(element)
    if (Array.isArray(element)) return query.test({ ...element } as Doc)
    return false
  }
}

const $elemMatch = (selector: string, criteria: unknown, options: Options) => {
  const test = elementTest(criteria, options)
  return (doc: Doc) => {
    const value = resolve(doc, selector, { unwrapArray: true })
    return Array.isArray(value) && value.some(test)
  }
}

/** The projection keeps the first matching element only, as MongoDB's does. */
const projectElemMatch = (doc: Doc, criteria: unknown, field: string, options: Options) => {
  const value = resolve(doc, field)
  if (!Array.isArray(value)) return undefined
  const found = value.find(elementTest(criteria, options))
  return found === undefined ? undefined : [found]
}

/** `{$all: [{$elemMatch: …}, …]}`: every one of them, each with the rule above. */
const $all = (selector: string, value: unknown, options: Options) => {
  const elemMatches =
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((v) => isPlainObject(v) && Object.keys(v).length === 1 && '$elemMatch' in v)
  if (!elemMatches) return queryOperators.$all(selector, value as unknown[], options)
  const predicates = (value as Doc[]).map((v) => $elemMatch(selector, v.$elemMatch, options))
  return (doc: Doc) => predicates.every((test) => test(doc))
}

/** A geo query operator on the value at `selector` (an array of geometries matches if any does). */
const geoOperator =
  (makeTest: (expr: unknown) => (value: unknown) => boolean) =>
  (selector: string, expr: unknown, _options: Options) => {
    const test = makeTest(expr)
    return (doc: Doc) => {
      const value = resolve(doc, selector)
      if (test(value)) return true
      return Array.isArray(value) && value.some((v) => isPlainObject(v) && test(v))
    }
  }

const nearOperator = (operator: string) =>
  geoOperator((expr) => {
    const { point, min, max } = nearOf(expr, operator)
    return (value) => {
      const d = distanceFrom(point, value)
      return d !== null && d >= min && d <= max
    }
  })

/* String and date expressions mingo gets wrong or lacks, with MongoDB's rules. */

const args = (obj: Doc, expr: unknown, options: Options, name: string, min: number, max: number): unknown[] => {
  const values = evalExpr(obj, expr, options)
  if (!Array.isArray(values) || values.length < min || values.length > max) {
    throw new MingoError(`${name} takes ${min === max ? min : `${min} to ${max}`} arguments`)
  }
  return values
}

const nonNegativeInteger = (value: unknown, name: string, what: string): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new MingoError(`${name} ${what} must be a non-negative integer`)
  return value
}

/** `$indexOfCP: [string, substring, start?, end?]`: the code point index of the first match, or -1. */
const $indexOfCP = (obj: Doc, expr: unknown, options: Options) => {
  const [string, substring, start, end] = args(obj, expr, options, '$indexOfCP', 2, 4)
  if (string === null || string === undefined) return null
  if (typeof string !== 'string' || typeof substring !== 'string') throw new MingoError('$indexOfCP needs a string and a substring')
  const text = Array.from(string)
  const sub = Array.from(substring)
  const from = start === undefined ? 0 : nonNegativeInteger(start, '$indexOfCP', 'start')
  const to = Math.min(end === undefined ? text.length : nonNegativeInteger(end, '$indexOfCP', 'end'), text.length)
  for (let i = from; i + sub.length <= to; i++) if (sub.every((c, k) => text[i + k] === c)) return i
  return from <= to && sub.length === 0 ? from : -1
}

const isContinuationByte = (bytes: Buffer, at: number) => at < bytes.length && (bytes[at] & 0xc0) === 0x80

/**
 * `$substrBytes` (and its old name `$substr`): a negative length takes the rest of
 * the string; a start or end inside a UTF-8 character is an error, as in MongoDB.
 */
const $substrBytes = (obj: Doc, expr: unknown, options: Options) => {
  const [value, start, length] = args(obj, expr, options, '$substrBytes', 3, 3)
  if (value === null || value === undefined) return ''
  const bytes = Buffer.from(typeof value === 'string' ? value : String(value), 'utf8')
  if (typeof start !== 'number' || typeof length !== 'number' || !Number.isFinite(start) || !Number.isFinite(length)) {
    throw new MingoError('$substrBytes needs numbers for its start and length')
  }
  const from = Math.trunc(start)
  if (from < 0) throw new MingoError('$substrBytes start must be a non-negative integer')
  if (from >= bytes.length) return ''
  const to = length < 0 ? bytes.length : Math.min(bytes.length, from + Math.trunc(length))
  if (isContinuationByte(bytes, from) || isContinuationByte(bytes, to)) {
    throw new MingoError('$substrBytes: invalid range, the start or end index is in the middle of a UTF-8 character')
  }
  return bytes.subarray(from, to).toString('utf8')
}

/** `$indexOfBytes`: the UTF-8 byte index (mingo answers the UTF-16 index). */
const $indexOfBytes = (obj: Doc, expr: unknown, options: Options) => {
  const [string, substring, start, end] = args(obj, expr, options, '$indexOfBytes', 2, 4)
  if (string === null || string === undefined) return null
  if (typeof string !== 'string' || typeof substring !== 'string') throw new MingoError('$indexOfBytes needs a string and a substring')
  const bytes = Buffer.from(string, 'utf8')
  const from = start === undefined ? 0 : nonNegativeInteger(start, '$indexOfBytes', 'start')
  const to = Math.min(end === undefined ? bytes.length : nonNegativeInteger(end, '$indexOfBytes', 'end'), bytes.length)
  if (from > to) return -1
  const found = bytes.subarray(0, to).indexOf(Buffer.from(substring, 'utf8'), from)
  return found
}

/**
 * `$week`: weeks start on Sunday; week 1 begins with the year's first Sunday and the
 * days before it are week 0 (strftime's %U, MongoDB's rule). mingo numbered them
 * from 1 and reached 54. Day of year and weekday come from mingo, timezone included.
 */
const $week = (obj: Doc, expr: unknown, options: Options) => {
  const dayOfYear = expressionOperators.$dayOfYear(obj, expr, options)
  const dayOfWeek = expressionOperators.$dayOfWeek(obj, expr, options)
  if (typeof dayOfYear !== 'number' || typeof dayOfWeek !== 'number') return null
  return Math.floor((dayOfYear + 7 - dayOfWeek) / 7)
}

/*
 * `$jsonSchema` through ajv, with MongoDB's `bsonType` keyword (ajv would skip an
 * unknown keyword silently, matching documents it should not).
 */
const BSON_TYPES: Record<string, (v: unknown) => boolean> = {
  double: (v) => typeof v === 'number',
  int: (v) => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 2 ** 31,
  long: (v) => typeof v === 'number' && Number.isInteger(v),
  decimal: (v) => typeof v === 'number',
  number: (v) => typeof v === 'number',
  string: (v) => typeof v === 'string',
  bool: (v) => typeof v === 'boolean',
  object: isPlainObject,
  array: Array.isArray,
  null: (v) => v === null,
  date: (v) => v instanceof Date,
  objectId: (v) => v instanceof ObjectId,
  regex: (v) => v instanceof RegExp,
}

const ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false })
const bsonType: SchemaValidateFunction = (types: unknown, data: unknown) =>
  (Array.isArray(types) ? types : [types]).some((type) => {
    const test = typeof type === 'string' ? BSON_TYPES[type] : undefined
    if (!test) throw new MingoError(`$jsonSchema: unknown bsonType ${JSON.stringify(type)}`)
    return test(data)
  })
ajv.addKeyword({ keyword: 'bsonType', validate: bsonType, errors: false })
const compiledSchemas = new Map<string, (doc: unknown) => boolean>()

export function jsonSchemaValidator(schema: Doc): (doc: unknown) => boolean {
  const key = JSON.stringify(schema)
  let validate = compiledSchemas.get(key)
  if (!validate) {
    try {
      const compiled = ajv.compile(schema)
      validate = (doc) => compiled(doc) === true
    } catch (error) {
      throw new MingoError(`$jsonSchema: ${(error as Error).message}`)
    }
    compiledSchemas.set(key, validate)
  }
  return validate
}

export const CONTEXT = Context.init({
  accumulator: accumulatorOperators,
  expression: { ...expressionOperators, $indexOfCP, $indexOfBytes, $substrBytes, $substr: $substrBytes, $week },
  pipeline: pipelineOperators,
  projection: { ...projectionOperators, $elemMatch: projectElemMatch },
  query: {
    ...queryOperators,
    $elemMatch,
    $all,
    $geoWithin: geoOperator(withinTest),
    $geoIntersects: geoOperator(intersectsTest),
    $nearSphere: nearOperator('$nearSphere'),
    $near: nearOperator('$near'),
  },
  window: windowOperators,
})
