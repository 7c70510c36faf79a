import { Aggregator } from 'mingo/aggregator'
import { ProcessingMode } from 'mingo/core'
import { resolve, setValue } from 'mingo/util'
import { cloneDoc, isPlainObject, parseEJSON, toEJSON, type Doc } from '../ejson'
import { EmulatorError, invalidParam } from '../errors'
import { distanceFrom, MONGO_EARTH_RADIUS_M, shapeOf } from '../geo'
import { MINGO_OPTIONS, select } from '../query'
import type { ActionContext, Action } from './context'

/** Stages that would write, which CloudBase's aggregate does not offer either. */
const WRITING_STAGES = new Set(['$out', '$merge'])

/**
 * `aggregate()….end()`: stages arrive as `[{stageKey, stageValue}]`, the value an
 * EJSON (or JSON) string. A leading `$match` picks the input through the indexes
 * and is what strict index mode checks; without one the whole collection is the
 * input, which strict mode allows only for `scan` collections.
 */
export const aggregateDocuments: Action = async (request, context) => {
  const collection = context.db.collection(request.collectionName)
  const pipeline = stagesOf(request.stages, context)
  if (pipeline.slice(1).some((stage) => '$geoNear' in stage)) {
    throw new EmulatorError('DATABASE_REQUEST_FAILED', '$geoNear is only valid as the first stage in a pipeline')
  }
  const geoNear = pipeline[0]?.$geoNear
  const first = pipeline[0]?.$match
  const match = isPlainObject(first) ? first : undefined
  if (context.db.strictIndexes) checkLookups(pipeline, context)

  let input: Doc[]
  if (geoNear !== undefined) {
    const stage = geoNearStage(geoNear)
    context.db.requireIndex(collection, { ...stage.query, [stage.key]: { $exists: true } }, 'aggregate $geoNear')
    input = stage.run(select(collection, stage.query).map(([, doc]) => doc))
  } else {
    context.db.requireIndex(collection, match ?? {}, 'aggregate')
    input = select(collection, match ?? {}).map(([, doc]) => doc)
  }
  const rest = match || geoNear !== undefined ? pipeline.slice(1) : pipeline
  let output: Doc[]
  try {
    output = new Aggregator(rest, {
      ...MINGO_OPTIONS,
      processingMode: ProcessingMode.CLONE_INPUT,
      collectionResolver: (name) => {
        const foreign = context.db.store.maybeCollection(name)
        return foreign ? [...foreign.docs.values()].map((entry) => cloneDoc(entry.doc)) : []
      },
    }).run<Doc>(input)
  } catch (error) {
    throw new EmulatorError('DATABASE_REQUEST_FAILED', `aggregate failed: ${(error as Error).message}`)
  }
  return { data: { list: output.map(toEJSON) } }
}

/**
 * `aggregate().geoNear({near, distanceField, key, query, minDistance, maxDistance,
 * distanceMultiplier, includeLocs, spherical})`, MongoDB's first-stage rules: the
 * documents whose `key` lies within the distances, nearest first, each with its
 * distance (metres from a GeoJSON point, radians from a legacy pair) times the
 * multiplier in `distanceField`, and the location it was measured to in `includeLocs`.
 */
function geoNearStage(spec: unknown) {
  if (!isPlainObject(spec)) throw invalidParam('$geoNear needs an object')
  const fail = (why: string) => new EmulatorError('DATABASE_REQUEST_FAILED', `$geoNear ${why}`)
  const near = shapeOf(spec.near)
  if (!near || near.points.length !== 1 || near.lines.length || near.polygons.length) throw fail('needs near: a Point')
  const point = near.points[0]
  const legacy = Array.isArray(spec.near)
  if (typeof spec.distanceField !== 'string' || !spec.distanceField) throw fail('needs distanceField')
  if (typeof spec.key !== 'string' || !spec.key) {
    throw fail('needs key: the field holding the locations (the emulator has no 2dsphere index to find it)')
  }
  const number = (v: unknown, name: string, fallback: number) => {
    if (v === undefined || v === null) return fallback
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw fail(`${name} must be a non-negative number`)
    return v
  }
  // A legacy pair measures in radians, a GeoJSON point in metres.
  const unit = legacy ? MONGO_EARTH_RADIUS_M : 1
  const min = number(spec.minDistance, 'minDistance', 0) * unit
  const max = number(spec.maxDistance, 'maxDistance', Infinity) * unit
  const multiplier = number(spec.distanceMultiplier, 'distanceMultiplier', 1)
  const query = spec.query === undefined ? {} : spec.query
  if (!isPlainObject(query)) throw fail('query must be an object')
  const { distanceField, key } = spec
  const includeLocs = typeof spec.includeLocs === 'string' && spec.includeLocs ? spec.includeLocs : null
  return {
    query,
    key,
    run(docs: Doc[]): Doc[] {
      const found: Array<{ doc: Doc; d: number }> = []
      for (const doc of docs) {
        const location = resolve(doc, key)
        const d = distanceFrom(point, location)
        if (d === null || d < min || d > max) continue
        const out = cloneDoc(doc)
        setValue(out, distanceField, (d / unit) * multiplier)
        if (includeLocs) setValue(out, includeLocs, cloneDoc(location))
        found.push({ doc: out, d })
      }
      return found.sort((a, b) => a.d - b.d).map(({ doc }) => doc)
    },
  }
}

function stagesOf(stages: unknown, context: ActionContext): Doc[] {
  if (!Array.isArray(stages)) throw invalidParam('stages must be an array')
  return stages.map((stage) => {
    if (!isPlainObject(stage) || typeof stage.stageKey !== 'string' || !stage.stageKey.startsWith('$')) {
      throw invalidParam('every stage must be {stageKey: "$…", stageValue}')
    }
    if (WRITING_STAGES.has(stage.stageKey)) {
      throw new EmulatorError('DATABASE_INVALID_OPERRATOR', `aggregate stage ${stage.stageKey} is not supported`)
    }
    return { [stage.stageKey]: parseEJSON(stage.stageValue, stage.stageKey, context.now) }
  })
}

/** A `$lookup` by field reads the foreign collection by that field: it needs an index too. */
function checkLookups(pipeline: Doc[], context: ActionContext): void {
  for (const stage of pipeline) {
    const lookup = stage.$lookup
    if (!isPlainObject(lookup) || typeof lookup.from !== 'string' || typeof lookup.foreignField !== 'string') continue
    const foreign = context.db.store.maybeCollection(lookup.from)
    if (!foreign) continue
    context.db.requireIndex(foreign, { [lookup.foreignField]: { $in: [] } }, `$lookup from ${lookup.from}`)
  }
}
