/**
 * Writes through the genuine SDK: add one and many, every update operator,
 * merge versus replace, set/upsert, remove, updateAndReturn, server time, and the
 * shapes the SDK returns for each.
 */
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator'

let t: TestEmulator

beforeAll(async () => {
  t = await startTestEmulator({
    schema: [
      { name: 'things', indexes: [{ name: 'by_group', keys: { group: 1 } }] },
      { name: 'slots', indexes: [] },
      { name: 'scratch', indexes: [], scan: true },
    ],
  })
})
afterAll(() => t.close())

const things = () => t.db.collection('things')
let seq = 0
/** A fresh document for one test; returns its id. */
async function thing(fields: Record<string, unknown>): Promise<string> {
  const _id = `t${++seq}`
  await things().add({ _id, ...fields })
  return _id
}
async function read(id: string) {
  const { data } = await things().doc(id).get()
  return data[0]
}
/** `doc(id).update(u)` then the document as stored. */
async function updated(fields: Record<string, unknown>, update: Record<string, unknown>) {
  const id = await thing(fields)
  const res = await things().doc(id).update(update)
  const { _id, ...doc } = await read(id)
  return { res, doc }
}

describe('add', () => {
  it('adds one document with a CloudBase-like generated id', async () => {
    const res = await things().add({ group: 'g', n: 1 })
    expect(res).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/), requestId: expect.any(String) })
    expect(await read(res.id!)).toEqual({ _id: res.id, group: 'g', n: 1 })
  })

  it('adds many documents at once, keeping given ids', async () => {
    const res = await things().add([{ _id: 'many-1', group: 'many' }, { group: 'many' }])
    expect(res.ids).toEqual(['many-1', expect.stringMatching(/^[0-9a-f]{32}$/)])
    expect((await things().where({ group: 'many' }).count()).total).toBe(2)
  })

  it('generates ids that grow over time', async () => {
    const a = (await things().add({ group: 'order' })).id!
    await new Promise((r) => setTimeout(r, 1100))
    const b = (await things().add({ group: 'order' })).id!
    expect(a < b).toBe(true)
  })

  it('inserts all documents of a batch or none', async () => {
    await things().add({ _id: 'batch-taken' })
    await expect(things().add([{ _id: 'batch-new', group: 'batch' }, { _id: 'batch-taken' }])).rejects.toMatchObject({
      code: 'DATABASE_DUPLICATE_WRITE',
    })
    expect((await things().doc('batch-new').get()).data).toEqual([])
  })

  it('resolves db.serverDate() in a new document', async () => {
    const before = Date.now()
    const { id } = await things().add({ at: t.db.serverDate(), later: t.db.serverDate({ offset: 60_000 }) })
    const doc = await read(id!)
    expect(doc.at).toBeInstanceOf(Date)
    expect(doc.at.getTime()).toBeGreaterThanOrEqual(before)
    expect(doc.at.getTime()).toBeLessThanOrEqual(Date.now())
    expect(doc.later.getTime() - doc.at.getTime()).toBe(60_000)
  })
})

describe('field update operators', () => {
  it('set: plain fields, and nested objects merge', async () => {
    const { res, doc } = await updated({ a: 1, obj: { x: 1, y: 2 } }, { a: 2, obj: { x: 9 } })
    expect(res).toEqual({ updated: 1, requestId: expect.any(String) })
    expect(doc).toEqual({ a: 2, obj: { x: 9, y: 2 } })
  })

  it('_.set replaces a nested object instead of merging', async () => {
    const { doc } = await updated({ obj: { x: 1, y: 2 } }, { obj: t._.set({ x: 9 }) })
    expect(doc).toEqual({ obj: { x: 9 } })
  })

  it('sets a dotted path, creating the objects on the way', async () => {
    const { doc } = await updated({ a: 1 }, { 'deep.er.est': 5 })
    expect(doc).toEqual({ a: 1, deep: { er: { est: 5 } } })
  })

  it('remove deletes a field', async () => {
    const { doc } = await updated({ a: 1, b: 2 }, { b: t._.remove() })
    expect(doc).toEqual({ a: 1 })
  })

  it('inc and mul, also on missing fields', async () => {
    expect((await updated({ n: 5 }, { n: t._.inc(-2) })).doc).toEqual({ n: 3 })
    expect((await updated({}, { n: t._.inc(4) })).doc).toEqual({ n: 4 })
    expect((await updated({ n: 5 }, { n: t._.mul(1.5) })).doc).toEqual({ n: 7.5 })
    expect((await updated({}, { n: t._.mul(3) })).doc).toEqual({ n: 0 })
  })

  it('min and max, on numbers and Dates', async () => {
    expect((await updated({ n: 5 }, { n: t._.min(3) })).doc).toEqual({ n: 3 })
    expect((await updated({ n: 5 }, { n: t._.min(8) })).doc).toEqual({ n: 5 })
    expect((await updated({ n: 5 }, { n: t._.max(8) })).doc).toEqual({ n: 8 })
    const early = new Date('2020-01-01T00:00:00Z')
    const late = new Date('2024-01-01T00:00:00Z')
    expect((await updated({ d: early }, { d: t._.max(late) })).doc).toEqual({ d: late })
  })

  it('rename', async () => {
    expect((await updated({ old: 1, keep: 2 }, { old: t._.rename('fresh') })).doc).toEqual({ keep: 2, fresh: 1 })
  })

  it('reports updated: 0 when nothing changes', async () => {
    const { res } = await updated({ a: 1 }, { a: 1 })
    expect(res.updated).toBe(0)
    expect((await things().doc('no-such-doc').update({ a: 1 })).updated).toBe(0)
  })

  it('resolves db.serverDate() in an update', async () => {
    const { doc } = await updated({ a: 1 }, { at: t.db.serverDate({ offset: -1000 }) })
    expect(doc.at).toBeInstanceOf(Date)
    expect(Math.abs(doc.at.getTime() - (Date.now() - 1000))).toBeLessThan(2000)
  })
})

describe('array update operators', () => {
  it('push one value, several values, and with each/position/slice/sort', async () => {
    expect((await updated({ l: [1] }, { l: t._.push(2) })).doc).toEqual({ l: [1, 2] })
    expect((await updated({ l: [1] }, { l: t._.push([2, 3]) })).doc).toEqual({ l: [1, 2, 3] })
    expect((await updated({}, { l: t._.push('x') })).doc).toEqual({ l: ['x'] })
    expect((await updated({ l: [1, 2] }, { l: t._.push({ each: [9], position: 1 }) })).doc).toEqual({ l: [1, 9, 2] })
    expect((await updated({ l: [5, 1] }, { l: t._.push({ each: [3], sort: 1, slice: 2 }) })).doc).toEqual({ l: [1, 3] })
  })

  it('counters and lists grown in one update through nested fields, as a ballot box is', async () => {
    const { doc } = await updated({ used: { a: 1 }, picks: ['a|1'] }, { used: { a: t._.inc(1), b: t._.inc(1) }, 'counts.n2': t._.inc(1), picks: t._.push(['b|2']) })
    expect(doc).toEqual({ used: { a: 2, b: 1 }, picks: ['a|1', 'b|2'], counts: { n2: 1 } })
    const voters = (list: string[], each: string[]) => updated({ voters: list }, { voters: t._.push({ each, sort: 1 }) })
    expect((await voters(['a', 'c'], ['d', 'b', 'a'])).doc).toEqual({ voters: ['a', 'a', 'b', 'c', 'd'] })
    expect((await voters(['c', 'a'], ['b'])).doc).toEqual({ voters: ['a', 'b', 'c'] })
    expect((await updated({ counts: [0, 2, 1] }, { 'counts.1': t._.inc(1), voters: t._.push({ each: ['k'], sort: 1 }) })).doc).toEqual({ counts: [0, 3, 1], voters: ['k'] })
  })

  it('pop removes the last element, shift the first', async () => {
    expect((await updated({ l: [1, 2, 3] }, { l: t._.pop() })).doc).toEqual({ l: [1, 2] })
    expect((await updated({ l: [1, 2, 3] }, { l: t._.shift() })).doc).toEqual({ l: [2, 3] })
  })

  it('unshift prepends', async () => {
    expect((await updated({ l: [3] }, { l: t._.unshift([1, 2]) })).doc).toEqual({ l: [1, 2, 3] })
    expect((await updated({ l: [3] }, { l: t._.unshift(0) })).doc).toEqual({ l: [0, 3] })
  })

  it('pull removes matching values or values matching a condition', async () => {
    expect((await updated({ l: [1, 2, 1, 3] }, { l: t._.pull(1) })).doc).toEqual({ l: [2, 3] })
    expect((await updated({ l: [1, 5, 2, 7] }, { l: t._.pull(t._.gt(4)) })).doc).toEqual({ l: [1, 2] })
    const people = [
      { name: 'a', age: 1 },
      { name: 'b', age: 9 },
    ]
    expect((await updated({ people }, { people: t._.pull({ age: t._.gt(5) }) })).doc).toEqual({ people: [people[0]] })
  })

  it('pullAll removes every listed value', async () => {
    expect((await updated({ l: [1, 2, 3, 2] }, { l: t._.pullAll([2, 3]) })).doc).toEqual({ l: [1] })
  })

  it('addToSet adds only what is missing', async () => {
    expect((await updated({ l: ['a'] }, { l: t._.addToSet('a') })).doc).toEqual({ l: ['a'] })
    expect((await updated({ l: ['a'] }, { l: t._.addToSet('b') })).doc).toEqual({ l: ['a', 'b'] })
    expect((await updated({ l: ['a'] }, { l: t._.addToSet({ $each: ['a', 'c'] }) })).doc).toEqual({ l: ['a', 'c'] })
  })
})

describe('set, upsert and where().update()', () => {
  it('doc(id).set replaces the whole document', async () => {
    const id = await thing({ a: 1, b: 2 })
    const res = await things().doc(id).set({ c: 3 })
    expect(res).toEqual({ updated: 1, upsertedId: undefined, requestId: expect.any(String) })
    expect(await read(id)).toEqual({ _id: id, c: 3 })
  })

  it('doc(id).set with the content the document already holds still reports updated: 1 (the SDK’s geo tests)', async () => {
    const content = { a: 1, obj: { x: [1, 2] }, at: new Date(0) }
    const id = await thing(content)
    expect(await things().doc(id).set(content)).toEqual({ updated: 1, upsertedId: undefined, requestId: expect.any(String) })
    expect(await read(id)).toEqual({ _id: id, ...content })
  })

  it('doc(id).set creates a missing document and names it as upserted', async () => {
    const res = await things().doc('set-new').set({ c: 3, at: new Date(0) })
    expect(res).toEqual({ updated: 0, upsertedId: 'set-new', requestId: expect.any(String) })
    expect(await read('set-new')).toEqual({ _id: 'set-new', c: 3, at: new Date(0) })
  })

  it('where().update() changes every match and reports how many', async () => {
    await things().add([
      { group: 'w', n: 1 },
      { group: 'w', n: 2 },
      { group: 'w', n: 3 },
    ])
    const res = await things().where({ group: 'w', n: t._.gte(2) }).update({ n: t._.inc(10), tagged: true })
    expect(res).toEqual({ updated: 2, upsertId: undefined, requestId: expect.any(String) })
    const { data } = await things().where({ group: 'w' }).orderBy('n', 'asc').get()
    expect(data.map((d: { n: number }) => d.n)).toEqual([1, 12, 13])
  })

  it('a conditional update by id is the capacity check: updated 1 while below the cap, then 0', async () => {
    const slots = t.db.collection('slots')
    await slots.add({ _id: 'activity', taken: 0, cap: 2 })
    const take = () => slots.where({ _id: 'activity', taken: t._.lt(2) }).update({ taken: t._.inc(1) })
    const results = await Promise.all([take(), take(), take(), take()])
    expect(results.map((r) => r.updated).sort()).toEqual([0, 0, 1, 1])
    expect((await slots.doc('activity').get()).data[0].taken).toBe(2)
  })
})

describe('remove and updateAndReturn', () => {
  it('doc(id).remove() reports deleted 1, then 0', async () => {
    const id = await thing({ a: 1 })
    expect(await things().doc(id).remove()).toEqual({ deleted: 1, requestId: expect.any(String) })
    expect((await things().doc(id).remove()).deleted).toBe(0)
    expect((await things().doc(id).get()).data).toEqual([])
  })

  it('where().remove() deletes every match', async () => {
    await things().add([{ group: 'r' }, { group: 'r' }, { group: 'r', keep: true }])
    expect((await things().where({ group: 'r', keep: t._.exists(false) }).remove()).deleted).toBe(2)
    expect((await things().where({ group: 'r' }).count()).total).toBe(1)
  })

  it('updateAndReturn returns the document after the update', async () => {
    await things().add({ _id: 'uar', group: 'uar', n: 1 })
    const res = await things().where({ group: 'uar' }).updateAndReturn({ n: t._.inc(1), at: t.db.serverDate() })
    expect(res).toEqual({
      updated: 1,
      doc: { _id: 'uar', group: 'uar', n: 2, at: expect.any(Date) },
      requestId: expect.any(String),
    })
  })

  it('updateAndReturn to the value already there reports updated: 1 (findAndModify 更新相同值)', async () => {
    await things().add({ _id: 'uar-same', group: 'uar-same', a: 1 })
    const res = await things().where({ group: 'uar-same' }).updateAndReturn({ a: 1 })
    expect(res).toEqual({ updated: 1, doc: { _id: 'uar-same', group: 'uar-same', a: 1 }, requestId: expect.any(String) })
  })

  it('updateAndReturn with no match returns no document', async () => {
    const res = await things().where({ group: 'nothing-here' }).updateAndReturn({ n: 1 })
    expect(res.updated).toBe(0)
    expect(res.doc).toBeNull()
  })
})

describe('no condition at all', () => {
  it('update() and remove() without where(), or with where({}), are refused and change nothing', async () => {
    const scratch = t.db.collection('scratch')
    await scratch.add([{ _id: 'keep1', n: 1 }, { _id: 'keep2', n: 1 }])
    const refused = { code: 'INVALID_PARAM', message: expect.stringContaining('条件不能为空') }
    await expect(scratch.update({ n: 2 })).rejects.toMatchObject(refused)
    await expect(scratch.where({}).update({ n: 2 })).rejects.toMatchObject(refused)
    await expect(scratch.remove()).rejects.toMatchObject(refused)
    await expect(scratch.where({}).remove()).rejects.toMatchObject(refused)
    const { data } = await scratch.get()
    expect(data).toEqual([
      { _id: 'keep1', n: 1 },
      { _id: 'keep2', n: 1 },
    ])
  })

  it('a condition that matches everything is allowed', async () => {
    const scratch = t.db.collection('scratch')
    expect((await scratch.where({ _id: /.*/ }).update({ seen: true })).updated).toBe(2)
    expect((await scratch.where({ _id: /.*/ }).remove()).deleted).toBe(2)
  })
})
