import { Aggregator } from 'mingo/aggregator'
import { ProcessingMode } from 'mingo/core'
import { cloneDoc, isPlainObject, parseEJSON, toEJSON, type Doc } from '../ejson'
import { EmulatorError, invalidParam } from '../errors'
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
  const first = pipeline[0]?.$match
  const match = isPlainObject(first) ? first : undefined
  context.db.requireIndex(collection, match ?? {}, 'aggregate')
  if (context.db.strictIndexes) checkLookups(pipeline, context)

  const input = select(collection, match ?? {}).map(([, doc]) => doc)
  const rest = match ? pipeline.slice(1) : pipeline
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
