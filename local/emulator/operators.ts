/**
 * Where mingo (7.2.7, the newest release) answers differently from MongoDB, or
 * lacks an operator CloudBase has, our own operators take its place. They are
 * passed as one mingo Context holding every operator: the `mingo` entry point
 * would merge a caller's context *under* its own, so the emulator uses mingo's
 * Query, Aggregator and update without it.
 */
import { Context } from 'mingo/core'
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

export const CONTEXT = Context.init({
  accumulator: accumulatorOperators,
  expression: expressionOperators,
  pipeline: pipelineOperators,
  projection: { ...projectionOperators, $elemMatch: projectElemMatch },
  query: { ...queryOperators, $elemMatch, $all },
  window: windowOperators,
})
