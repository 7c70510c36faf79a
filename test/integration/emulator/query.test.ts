/**
 * Query conformance: every db.command query operator, ordering, paging,
 * projection, counting and Dates, through the genuine SDK. Semantics are
 * MongoDB's (the emulator runs mingo). Geo operators, $jsonSchema and the
 * string/week expressions mingo lacks are in operators.test.ts.
 */
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator'

let t: TestEmulator

const PEOPLE = [
  {
    _id: 'p1',
    name: 'Alice',
    age: 30,
    tags: ['a', 'b'],
    score: 7,
    city: 'Xiamen',
    nick: null,
    born: new Date('1990-01-01T00:00:00Z'),
    pets: [
      { kind: 'cat', age: 3 },
      { kind: 'dog', age: 5 },
    ],
    address: { district: 'Siming', floor: 3 },
  },
  {
    _id: 'p2',
    name: 'bob',
    age: 25,
    tags: ['b'],
    score: 10,
    city: 'Fuzhou',
    born: new Date('1995-06-01T00:00:00Z'),
    pets: [],
    address: { district: 'Gulou', floor: 12 },
  },
  {
    _id: 'p3',
    name: 'Carol',
    age: 35,
    tags: ['a', 'c', 'd'],
    score: 12,
    born: new Date('1985-03-01T00:00:00Z'),
    pets: [{ kind: 'cat', age: 1 }],
  },
  {
    _id: 'p4',
    name: 'dave',
    age: 40,
    tags: [],
    score: 9,
    city: 'Xiamen',
    born: new Date('1980-12-31T00:00:00Z'),
    address: { district: 'Siming', floor: 20 },
  },
]

beforeAll(async () => {
  t = await startTestEmulator({
    schema: [
      // `scan` lets this suite query any field; index rules have their own file.
      { name: 'people', indexes: [], scan: true },
      { name: 'bulk', indexes: [{ name: 'by_batch', keys: { batch: 1, n: 1 } }] },
    ],
  })
  await t.db.collection('people').add(PEOPLE)
})
afterAll(() => t.close())

const people = () => t.db.collection('people')
const ids = async (query: object) => (await people().where(query).get()).data.map((d: { _id: string }) => d._id).sort()

describe('comparison operators', () => {
  it('eq: a plain value and _.eq', async () => {
    expect(await ids({ city: 'Xiamen' })).toEqual(['p1', 'p4'])
    expect(await ids({ age: t._.eq(25) })).toEqual(['p2'])
  })

  it('neq also matches documents without the field', async () => {
    expect(await ids({ city: t._.neq('Xiamen') })).toEqual(['p2', 'p3'])
  })

  it('lt, lte, gt, gte', async () => {
    expect(await ids({ age: t._.lt(30) })).toEqual(['p2'])
    expect(await ids({ age: t._.lte(30) })).toEqual(['p1', 'p2'])
    expect(await ids({ age: t._.gt(35) })).toEqual(['p4'])
    expect(await ids({ age: t._.gte(35) })).toEqual(['p3', 'p4'])
  })

  it('in and nin', async () => {
    expect(await ids({ age: t._.in([25, 40]) })).toEqual(['p2', 'p4'])
    expect(await ids({ city: t._.nin(['Xiamen']) })).toEqual(['p2', 'p3'])
    expect(await ids({ tags: t._.in(['c', 'zzz']) })).toEqual(['p3'])
  })

  it('compares Dates and strings by type order', async () => {
    expect(await ids({ born: t._.lt(new Date('1990-01-01T00:00:00Z')) })).toEqual(['p3', 'p4'])
    expect(await ids({ born: t._.gte(new Date('1990-01-01T00:00:00Z')) })).toEqual(['p1', 'p2'])
    expect(await ids({ name: t._.gt('Z') })).toEqual(['p2', 'p4'])
  })

  it('null matches null and missing fields', async () => {
    expect(await ids({ nick: null })).toEqual(['p1', 'p2', 'p3', 'p4'])
    expect(await ids({ nick: t._.exists(true) })).toEqual(['p1'])
  })
})

describe('logical operators', () => {
  it('and: command form and chained on a field', async () => {
    expect(await ids(t._.and([{ age: t._.gt(26) }, { age: t._.lt(36) }]))).toEqual(['p1', 'p3'])
    expect(await ids({ age: t._.gt(26).and(t._.lt(36)) })).toEqual(['p1', 'p3'])
  })

  it('or: command form and chained on a field', async () => {
    expect(await ids(t._.or([{ city: 'Fuzhou' }, { age: t._.gte(40) }]))).toEqual(['p2', 'p4'])
    expect(await ids({ age: t._.lt(26).or(t._.gt(36)) })).toEqual(['p2', 'p4'])
  })

  it('nor', async () => {
    expect(await ids(t._.nor([{ city: 'Xiamen' }, { age: t._.lt(30) }]))).toEqual(['p3'])
  })

  it('not', async () => {
    expect(await ids({ age: t._.not(t._.gt(30)) })).toEqual(['p1', 'p2'])
  })

  it('expr compares fields of the same document', async () => {
    const $ = t._.aggregate
    expect(await ids(t._.expr($.gt(['$score', '$age'])))).toEqual([])
    expect(await ids(t._.expr($.lt(['$age', $.multiply(['$score', 4])])))).toEqual(['p2', 'p3'])
  })
})

describe('element, array and evaluation operators', () => {
  it('exists', async () => {
    expect(await ids({ city: t._.exists(false) })).toEqual(['p3'])
    expect(await ids({ address: t._.exists(true) })).toEqual(['p1', 'p2', 'p4'])
  })

  it('size', async () => {
    expect(await ids({ tags: t._.size(1) })).toEqual(['p2'])
    expect(await ids({ tags: t._.size(0) })).toEqual(['p4'])
  })

  it('all', async () => {
    expect(await ids({ tags: t._.all(['a', 'b']) })).toEqual(['p1'])
    expect(await ids({ tags: t._.all(['a']) })).toEqual(['p1', 'p3'])
  })

  it('elemMatch', async () => {
    expect(await ids({ pets: t._.elemMatch({ kind: 'cat', age: t._.gt(2) }) })).toEqual(['p1'])
    expect(await ids({ pets: t._.elemMatch({ kind: 'cat' }) })).toEqual(['p1', 'p3'])
  })

  it('mod', async () => {
    // The SDK reads mod's (divisor, remainder) from `arguments`; its types declare none.
    const mod = t._.mod as unknown as (divisor: number, remainder: number) => unknown
    expect(await ids({ score: mod(3, 1) })).toEqual(['p1', 'p2'])
  })

  it('regex through db.RegExp and a JavaScript RegExp', async () => {
    expect(await ids({ name: t.db.RegExp({ regexp: '^[a-c]', options: 'i' }) })).toEqual(['p1', 'p2', 'p3'])
    expect(await ids({ name: t.db.RegExp({ regexp: '^[a-c]' }) })).toEqual(['p2'])
    expect(await ids({ name: /^d/ })).toEqual(['p4'])
    expect(await ids({ name: t._.not(/^[A-Z]/) })).toEqual(['p2', 'p4'])
  })

  it('an array field matches any of its elements', async () => {
    expect(await ids({ tags: 'c' })).toEqual(['p3'])
  })

  it('nested fields, by dotted path and by nested object', async () => {
    expect(await ids({ 'pets.kind': 'dog' })).toEqual(['p1'])
    expect(await ids({ pets: { kind: 'cat' } })).toEqual(['p1', 'p3'])
    expect(await ids({ address: { district: 'Siming', floor: t._.gt(10) } })).toEqual(['p4'])
    expect(await ids({ 'address.floor': t._.lte(12) })).toEqual(['p1', 'p2'])
  })
})

describe('ordering, paging and projection', () => {
  it('orders by one field, then several', async () => {
    const byAge = await people().orderBy('age', 'desc').get()
    expect(byAge.data.map((d: { age: number }) => d.age)).toEqual([40, 35, 30, 25])
    // A missing field sorts before any string, as in MongoDB.
    const byCity = await people().orderBy('city', 'asc').orderBy('age', 'desc').get()
    expect(byCity.data.map((d: { _id: string }) => d._id)).toEqual(['p3', 'p2', 'p4', 'p1'])
  })

  it('skips and limits after ordering', async () => {
    const page = await people().orderBy('age', 'asc').skip(1).limit(2).get()
    expect(page.data.map((d: { _id: string }) => d._id)).toEqual(['p1', 'p3'])
  })

  it('returns documents in insertion order when no order is given', async () => {
    const all = await people().get()
    expect(all.data.map((d: { _id: string }) => d._id)).toEqual(['p1', 'p2', 'p3', 'p4'])
  })

  it('projects with field(): inclusion keeps _id, exclusion drops only the named fields', async () => {
    const { data } = await people().where({ _id: 'p1' }).field({ name: true, age: true }).get()
    expect(data).toEqual([{ _id: 'p1', name: 'Alice', age: 30 }])
    const { data: without } = await people().where({ _id: 'p2' }).field({ pets: false, born: false, tags: false }).get()
    expect(without).toEqual([
      { _id: 'p2', name: 'bob', age: 25, score: 10, city: 'Fuzhou', address: { district: 'Gulou', floor: 12 } },
    ])
    const { data: doc } = await people().doc('p3').field({ name: 1 }).get()
    expect(doc).toEqual([{ _id: 'p3', name: 'Carol' }])
  })

  it('returns 100 documents by default and never more than 1000', async () => {
    const bulk = t.db.collection('bulk')
    for (let batch = 0; batch < 11; batch++) {
      await bulk.add(Array.from({ length: 100 }, (_, i) => ({ batch: 'b', n: batch * 100 + i })))
    }
    expect((await bulk.where({ batch: 'b' }).get()).data).toHaveLength(100)
    expect((await bulk.where({ batch: 'b' }).limit(5000).get()).data).toHaveLength(1000)
    // The SDK caps limit itself; the server caps too, for any other client.
    const raw = await t.emulator.call({
      action: 'database.getDocument',
      collectionName: 'bulk',
      queryType: 'WHERE',
      query: JSON.stringify({ batch: 'b' }),
      limit: 5000,
    })
    expect((raw.data as { list: unknown[] }).list).toHaveLength(1000)
    const last = await bulk.where({ batch: 'b' }).orderBy('n', 'desc').skip(1000).limit(1000).get()
    expect(last.data.map((d: { n: number }) => d.n)).toEqual(Array.from({ length: 100 }, (_, i) => 99 - i))
  })
})

describe('count, Dates and server time', () => {
  it('counts matches', async () => {
    expect(await people().where({ city: 'Xiamen' }).count()).toEqual({ total: 2, requestId: expect.any(String) })
    expect((await people().where({ city: 'Nowhere' }).count()).total).toBe(0)
  })

  it('returns Dates as Date objects', async () => {
    const { data } = await people().doc('p1').get()
    expect(data[0].born).toBeInstanceOf(Date)
    expect(data[0].born.toISOString()).toBe('1990-01-01T00:00:00.000Z')
  })

  it('keeps Dates before 1970 and after 9999 exact', async () => {
    const early = new Date(-2_000_000_000_000)
    const late = new Date(253_402_300_800_000 + 86_400_000)
    await people().add({ _id: 'dates', early, late })
    const { data } = await people().doc('dates').get()
    expect(data[0].early.getTime()).toBe(early.getTime())
    expect(data[0].late.getTime()).toBe(late.getTime())
    await people().doc('dates').remove()
  })

  it('resolves db.serverDate() in a query to the server time plus offset', async () => {
    expect(await ids({ born: t._.lt(t.db.serverDate()) })).toEqual(['p1', 'p2', 'p3', 'p4'])
    const farBack = -1000 * 3600 * 24 * 365 * 60 // 60 years ago: after p4 (1980), before nobody else
    expect(await ids({ born: t._.lt(t.db.serverDate({ offset: farBack })) })).toEqual([])
  })

  it('keeps numbers as numbers: integers, doubles and large values', async () => {
    await people().add({ _id: 'nums', i: 7, f: 1.25, big: 2 ** 40, neg: -3 })
    const { data } = await people().doc('nums').get()
    expect(data[0]).toEqual({ _id: 'nums', i: 7, f: 1.25, big: 2 ** 40, neg: -3 })
    await people().doc('nums').remove()
  })
})
