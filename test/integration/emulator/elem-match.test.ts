/**
 * `_.elemMatch({field: cond})` matches only arrays holding an embedded document
 * that satisfies every condition (MongoDB's $elemMatch, which CloudBase runs); the
 * operator-only form `_.elemMatch(_.gt(1))`-style tests every element. mingo 7.2.7
 * (its newest release) also tested numbers and strings against document criteria,
 * so `[1, 2, 3]` matched `{b: _.neq(2)}`, `{b: _.mod(2, 1)}` and more: these are our
 * regression tests, in queries, counts, updates, removals, aggregation and projection.
 */
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator'

let t: TestEmulator

const DOCS = [
  { _id: 'numbers', a: [1, 2, 3] },
  { _id: 'strings', a: ['x', 'y'] },
  { _id: 'b1', a: [{ b: 1 }, { b: 4 }] },
  { _id: 'c1', a: [{ c: 1 }] },
  { _id: 'mixed', a: [7, 'z', { b: 3, c: 2 }] },
  { _id: 'nested', a: [[{ b: 1 }]] },
  { _id: 'empty', a: [] },
  { _id: 'object', a: { b: 1 } },
  { _id: 'none' },
]

beforeAll(async () => {
  t = await startTestEmulator({ schema: [{ name: 'things', indexes: [], scan: true }] })
  await t.db.collection('things').add(DOCS)
})
afterAll(() => t.close())

// The SDK reads mod's (divisor, remainder) from `arguments`; its types declare none.
const mod = (divisor: number, remainder: number) => (t._.mod as unknown as (d: number, r: number) => unknown)(divisor, remainder)
const things = () => t.db.collection('things')
const ids = async (query: object) => (await things().where(query).get()).data.map((d: { _id: string }) => d._id).sort()

describe('document criteria match embedded documents only', () => {
  it('equality', async () => {
    expect(await ids({ a: t._.elemMatch({ b: 1 }) })).toEqual(['b1'])
  })

  it('neq never matches numbers or strings', async () => {
    expect(await ids({ a: t._.elemMatch({ b: t._.neq(2) }) })).toEqual(['b1', 'c1', 'mixed', 'nested'].sort())
  })

  it('exists: true and false', async () => {
    expect(await ids({ a: t._.elemMatch({ b: t._.exists(true) }) })).toEqual(['b1', 'mixed'])
    // An array element counts as a document keyed by index: it has no field b.
    expect(await ids({ a: t._.elemMatch({ b: t._.exists(false) }) })).toEqual(['c1', 'nested'])
  })

  it('mod', async () => {
    expect(await ids({ a: t._.elemMatch({ b: mod(2, 1) }) })).toEqual(['b1', 'mixed'])
    expect(await ids({ a: t._.elemMatch({ b: mod(2, 0) }) })).toEqual(['b1'])
  })

  it('several conditions hold on one and the same element', async () => {
    expect(await ids({ a: t._.elemMatch({ b: t._.gt(2), c: 2 }) })).toEqual(['mixed'])
    expect(await ids({ a: t._.elemMatch({ b: 1, c: t._.exists(true) }) })).toEqual([])
  })

  it('not and all around it', async () => {
    expect(await ids({ a: t._.not(t._.elemMatch({ b: t._.neq(2) })) })).toEqual(['empty', 'none', 'numbers', 'object', 'strings'])
    expect(await ids({ a: t._.all([t._.elemMatch({ b: 1 }), t._.elemMatch({ b: 4 })]) })).toEqual(['b1'])
  })

  it('the operator form tests every element', async () => {
    expect(await ids({ a: t._.elemMatch(t._.gt(2)) })).toEqual(['mixed', 'numbers'])
  })

  it('count, update and remove decide the same way', async () => {
    const query = { a: t._.elemMatch({ b: t._.neq(2) }) }
    expect((await things().where(query).count()).total).toBe(4)
    await things().add({ _id: 'more-numbers', a: [5, 6], touched: false })
    expect((await things().where({ a: t._.elemMatch({ b: t._.exists(false) }), touched: false }).update({ touched: true })).updated).toBe(0)
    expect((await things().where({ a: t._.elemMatch({ b: mod(2, 1) }), _id: 'more-numbers' }).remove()).deleted).toBe(0)
    expect((await things().doc('more-numbers').get()).data).toHaveLength(1)
  })

  it('aggregation $match decides the same way, first in the pipeline or later', async () => {
    const first = await things().aggregate().match({ a: t._.elemMatch({ b: t._.neq(2) }) }).project({ _id: 1 }).end()
    expect(first.data.map((d: { _id: string }) => d._id).sort()).toEqual(['b1', 'c1', 'mixed', 'nested'].sort())
    const later = await things().aggregate().project({ a: 1 }).match({ a: t._.elemMatch({ b: mod(2, 1) }) }).end()
    expect(later.data.map((d: { _id: string }) => d._id).sort()).toEqual(['b1', 'mixed'])
  })

  it('the projection keeps the first embedded document that matches', async () => {
    const { data } = await things()
      .where({ _id: t._.in(['numbers', 'mixed', 'b1']) })
      .field({ a: t._.project.elemMatch({ b: 1 }) })
      .get()
    expect(data.sort((x: { _id: string }, y: { _id: string }) => x._id.localeCompare(y._id))).toEqual([
      { _id: 'b1', a: [{ b: 1 }] },
      { _id: 'mixed' },
      { _id: 'numbers' },
    ])
  })

  it('a pull condition decides the same way', async () => {
    await things().add({ _id: 'lists', lists: [[1, 2, 3], [{ b: 1 }], ['x'], [{ b: 2 }]] })
    // Spelled out: the SDK sends a command nested in pull(elemMatch(…)) as its internal object.
    await things()
      .doc('lists')
      .update({ lists: t._.pull({ $elemMatch: { b: { $ne: 2 } } }) })
    expect((await things().doc('lists').get()).data[0].lists).toEqual([[1, 2, 3], ['x'], [{ b: 2 }]])
  })
})
