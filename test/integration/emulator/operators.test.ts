/**
 * Operators CloudBase has that the emulator lacked or answered differently, written
 * after the SDK's own tests against a real environment (node-sdk
 * test/database/unit/geo-advanced.test.ts, aggregation.test.ts, index.test.ts) and
 * MongoDB's documented rules: geo queries, the geoNear stage, $jsonSchema, string
 * and week expressions, and `$` field names.
 */
import type { CollectionSpec } from '../../../local/emulator'
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator'

/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK types Geo and aggregate results loosely */

const SCHEMA: CollectionSpec[] = [
  { name: 'places', indexes: [], scan: true },
  { name: 'attractions', indexes: [{ name: 'by_location', keys: { location: 1 } }] },
  { name: 'texts', indexes: [], scan: true },
]

let t: TestEmulator
let Geo: any
beforeAll(async () => {
  t = await startTestEmulator({ schema: SCHEMA })
  Geo = (t.db as any).Geo
})
afterAll(() => t.close())

const places = () => t.db.collection('places')
const names = (data: Array<{ name: string }>) => data.map((d) => d.name)

describe('geo queries', () => {
  const square = (half: number) => {
    const { Point, LineString, Polygon } = Geo
    const corners = [new Point(-half, -half), new Point(half, -half), new Point(half, half), new Point(-half, half)]
    return new Polygon([new LineString([...corners, corners[0]])])
  }

  beforeAll(async () => {
    const { Point, LineString, Polygon } = Geo
    await places().add([
      { name: 'origin', point: new Point(0, 0) },
      { name: 'east', point: new Point(1.5, 0) },
      { name: 'far', point: new Point(30, 30) },
      { name: 'sphere', point: new Point(-88, 30.001) },
      // A polygon with a hole, as in the SDK's CRUD test.
      {
        name: 'ring',
        area: new Polygon([
          new LineString([new Point(-2, -2), new Point(2, -2), new Point(2, 2), new Point(-2, 2), new Point(-2, -2)]),
          new LineString([new Point(-1, -1), new Point(1, -1), new Point(1, 1), new Point(-1, 1), new Point(-1, -1)]),
        ]),
      },
      { name: 'road', route: new LineString([new Point(-5, 0.5), new Point(5, 0.5)]) },
    ])
  })

  it('geoNear: within the distances, nearest first, as Points', async () => {
    const { data } = await places()
      .where({ point: t._.geoNear({ geometry: new Geo.Point(0.5, 0), maxDistance: 200_000, minDistance: 0 }) })
      .get()
    expect(names(data)).toEqual(['origin', 'east'])
    expect(data[0].point).toBeInstanceOf(Geo.Point)
    const near = await places().where({ point: t._.geoNear({ geometry: new Geo.Point(1.4, 0) }) }).get()
    // Without bounds: every document with a location, nearest first (the ones without one are left out).
    expect(names(near.data)).toEqual(['east', 'origin', 'far', 'sphere'])
    // A minimum distance leaves out what is closer.
    const ring = await places().where({ point: t._.geoNear({ geometry: new Geo.Point(0, 0), minDistance: 1, maxDistance: 200_000 }) }).get()
    expect(names(ring.data)).toEqual(['east'])
  })

  it('geoWithin a polygon, for reads and removals; a polygon’s hole is outside it', async () => {
    expect(names((await places().where({ point: t._.geoWithin({ geometry: square(2) }) }).get()).data)).toEqual(['origin', 'east'])
    const holed = new Geo.Polygon([
      new Geo.LineString([new Geo.Point(-2, -2), new Geo.Point(2, -2), new Geo.Point(2, 2), new Geo.Point(-2, 2), new Geo.Point(-2, -2)]),
      new Geo.LineString([new Geo.Point(-1, -1), new Geo.Point(1, -1), new Geo.Point(1, 1), new Geo.Point(-1, 1), new Geo.Point(-1, -1)]),
    ])
    expect(names((await places().where({ point: t._.geoWithin({ geometry: holed }) }).get()).data)).toEqual(['east'])
    await places().add({ name: 'doomed', point: new Geo.Point(0.1, 0.1) })
    expect((await places().where({ name: 'doomed', point: t._.geoWithin({ geometry: square(1) }) }).remove()).deleted).toBe(1)
  })

  it('geoWithin: polygon edges are great-circle arcs, so a long east–west edge bows towards the pole', async () => {
    // Edges from (-60°, 50°) to (60°, 50°) and from (-60°, 80°) to (60°, 80°). On the sphere
    // each reaches atan(tan(lat) / cos(60°)) at longitude 0: 67.24° and 84.96°, not 50° and 80°.
    const { Point, LineString, Polygon } = Geo
    const band = new Polygon([new LineString([new Point(-60, 50), new Point(60, 50), new Point(60, 80), new Point(-60, 80), new Point(-60, 50)])])
    const latitudes = { 'below-south-arc': 67, 'above-south-arc': 67.5, middle: 75, 'above-north-edge-in-degrees': 83, 'above-north-arc': 85.1, 'inside-in-degrees-only': 60 }
    await places().add(Object.entries(latitudes).map(([name, lat]) => ({ name, spot: new Point(0, lat) })))
    const within = await places().where({ spot: t._.geoWithin({ geometry: band }) }).get()
    expect(names(within.data).sort()).toEqual(['above-north-edge-in-degrees', 'above-south-arc', 'middle'])
    // The same ring traversed the other way bounds the same (smaller) region.
    const reversed = new Polygon([new LineString([new Point(-60, 50), new Point(-60, 80), new Point(60, 80), new Point(60, 50), new Point(-60, 50)])])
    expect(names((await places().where({ spot: t._.geoWithin({ geometry: reversed }) }).get()).data).sort()).toEqual(names(within.data).sort())
    // geoIntersects uses the same containment.
    expect((await places().where({ name: 'inside-in-degrees-only', spot: t._.geoIntersects({ geometry: band }) }).get()).data).toEqual([])
  })

  it('geoWithin a centre sphere given as a Point or as [lng, lat]; a bad one is refused', async () => {
    for (const center of [new Geo.Point(-88, 30), [-88, 30]]) {
      const { data } = await places().where({ point: t._.geoWithin({ centerSphere: [center, 10 / 6378.1] }) }).get()
      expect(names(data)).toEqual(['sphere'])
      expect(data[0].point).toEqual(new Geo.Point(-88, 30.001))
    }
    // 0.001° of latitude is about 111 m: a 100 m radius leaves it out.
    expect((await places().where({ point: t._.geoWithin({ centerSphere: [[-88, 30], 0.1 / 6378.1] }) }).get()).data).toEqual([])
    // The SDK refuses a longitude of -288 itself; sent anyway, the emulator refuses it too.
    const bad = await t.emulator.call({
      action: 'database.getDocument',
      collectionName: 'places',
      queryType: 'WHERE',
      query: JSON.stringify({ point: { $geoWithin: { $centerSphere: [[-288, 30], 0.001] } } }),
    })
    expect(bad).toMatchObject({ code: 'DATABASE_REQUEST_FAILED' })
  })

  it('geoIntersects: a point in a polygon (not in its hole), a line crossing a polygon', async () => {
    const at = (lng: number, lat: number) => t._.geoIntersects({ geometry: new Geo.Point(lng, lat) })
    expect(names((await places().where({ area: at(1.5, 1.5) }).get()).data)).toEqual(['ring'])
    expect((await places().where({ area: at(0, 0) }).get()).data).toEqual([])
    expect(names((await places().where({ route: t._.geoIntersects({ geometry: square(1) }) }).get()).data)).toEqual(['road'])
    expect((await places().where({ route: t._.geoIntersects({ geometry: new Geo.Point(0, 3) }) }).get()).data).toEqual([])
  })
})

describe('the geoNear aggregation stage', () => {
  // The SDK's own aggregation test data and its expected distance, measured by a real CloudBase.
  const date = new Date('2026-11-30T00:00:00Z')
  beforeAll(async () => {
    await t.db.collection('attractions').add([
      { _id: 'geoNear.0', city: 'Guangzhou', date, location: { type: 'Point', coordinates: [113.30593, 23.1361155] }, name: 'Canton Tower' },
      { _id: 'geoNear.1', city: 'Hangzhou', date: new Date(date.getTime() - 1000), location: { type: 'Point', coordinates: [113.306789, 23.1564721] }, name: 'Baiyun Mountain' },
      { _id: 'geoNear.2', city: 'Beijing', date: new Date(date.getTime() + 1000), location: { type: 'Point', coordinates: [116.3949659, 39.9163447] }, name: 'The Palace Museum' },
      { _id: 'geoNear.3', city: 'Beijing', location: { type: 'Point', coordinates: [116.2328567, 40.242373] }, name: 'Great Wall' },
    ])
  })

  it('answers the distance MongoDB computes, to the last digit', async () => {
    const res: any = await t.db
      .collection('attractions')
      .aggregate()
      .geoNear({
        distanceField: 'distance',
        spherical: true,
        near: new Geo.Point(113.3089506, 23.0968251),
        query: { city: /zhou/, date: t._.lt(date) },
        key: 'location',
        includeLocs: 'location',
      })
      .end()
    expect(res.data).toHaveLength(1)
    expect(res.data[0].city).toBe('Hangzhou')
    expect(res.data[0].distance).toBe(6643.521654040738)
  })

  it('sorts nearest first, bounds by distance, multiplies, names the location, and feeds later stages', async () => {
    const res: any = await t.db
      .collection('attractions')
      .aggregate()
      .geoNear({
        distanceField: 'km',
        spherical: true,
        near: new Geo.Point(116.3949659, 39.9163447),
        key: 'location',
        includeLocs: 'at',
        maxDistance: 2_000_000,
        distanceMultiplier: 0.001,
      })
      .project({ _id: 0, name: 1, km: 1, at: 1 })
      .end()
    expect(res.data.map((d: any) => d.name)).toEqual(['The Palace Museum', 'Great Wall', 'Baiyun Mountain', 'Canton Tower'])
    expect(res.data[0].km).toBe(0)
    expect(res.data[1].km).toBeGreaterThan(30)
    expect(res.data[1].km).toBeLessThan(45)
    // Aggregation results come back as stored: GeoJSON, not the SDK's Point.
    expect(res.data[1].at).toEqual({ type: 'Point', coordinates: [116.2328567, 40.242373] })
    const close: any = await t.db
      .collection('attractions')
      .aggregate()
      .geoNear({ distanceField: 'd', spherical: true, near: new Geo.Point(116.3949659, 39.9163447), key: 'location', maxDistance: 100_000 })
      .end()
    expect(close.data.map((d: any) => d.name)).toEqual(['The Palace Museum', 'Great Wall'])
  })
})

describe('$jsonSchema', () => {
  it('matches documents by schema, bsonType included', async () => {
    await places().add([
      { name: 'schema-ok', kind: 'shop', floor: 3 },
      { name: 'schema-string-floor', kind: 'shop', floor: '3' },
      { name: 'schema-no-floor', kind: 'shop' },
    ])
    const schema = { required: ['kind', 'floor'], properties: { kind: { enum: ['shop'] }, floor: { bsonType: 'int', minimum: 1 } } }
    const { data } = await places().where(t._.jsonSchema(schema)).get()
    expect(names(data)).toEqual(['schema-ok'])
    const either = await places().where(t._.and([{ kind: 'shop' }, t._.jsonSchema({ properties: { floor: { bsonType: ['int', 'string'] } }, required: ['floor'] })])).get()
    expect(names(either.data)).toEqual(['schema-ok', 'schema-string-floor'])
  })
})

describe('string and date expressions', () => {
  beforeAll(async () => {
    await t.db.collection('texts').add([
      { _id: 'sushi', s: '寿司abc寿司', d: new Date('2021-01-03T00:00:00Z') },
      { _id: 'eve', s: 'cafétéria', d: new Date('2020-12-31T12:00:00Z') },
      { _id: 'friday', s: '', d: new Date('2016-01-01T00:00:00Z') },
      { _id: 'sunday', s: 'x', d: new Date('2017-01-01T00:00:00Z') },
    ])
  })

  const project = async (fields: Record<string, unknown>) => {
    const res: any = await t.db.collection('texts').aggregate().project({ _id: 1, ...fields }).end()
    return Object.fromEntries(res.data.map((d: any) => [d._id, d.v]))
  }

  it('indexOfCP counts code points; indexOfBytes counts UTF-8 bytes', async () => {
    const $ = t._.aggregate
    expect(await project({ v: $.indexOfCP(['$s', 'abc']) })).toEqual({ sushi: 2, eve: -1, friday: -1, sunday: -1 })
    expect(await project({ v: $.indexOfCP(['$s', '寿司', 1]) })).toMatchObject({ sushi: 5 })
    expect(await project({ v: $.indexOfCP(['$s', 'ria']) })).toMatchObject({ eve: 6 })
    expect(await project({ v: $.indexOfBytes(['$s', 'abc']) })).toMatchObject({ sushi: 6 })
  })

  it('substr and substrBytes with a negative length take the rest of the string', async () => {
    const $ = t._.aggregate
    expect(await project({ v: $.substrBytes(['$s', 6, -1]) })).toMatchObject({ sushi: 'abc寿司', friday: '' })
    expect(await project({ v: $.substr(['$s', 3, -1]) })).toMatchObject({ sushi: '司abc寿司', eve: 'étéria' })
    const eve: any = await t.db.collection('texts').aggregate().match({ _id: 'eve' }).project({ v: $.substr(['$s', 0, 2]) }).end()
    expect(eve.data).toEqual([{ _id: 'eve', v: 'ca' }])
    // A byte range that cuts a character in two is an error, as in MongoDB.
    await expect(t.db.collection('texts').aggregate().match({ _id: 'sushi' }).project({ v: $.substrBytes(['$s', 1, 2]) }).end()).rejects.toMatchObject({
      code: 'DATABASE_REQUEST_FAILED',
    })
  })

  it('week: Sunday-based weeks, the days before the first Sunday are week 0', async () => {
    const $ = t._.aggregate
    expect(await project({ v: $.week('$d') })).toEqual({ sushi: 1, eve: 52, friday: 0, sunday: 1 })
    // In China time 2020-12-31 20:00 is still Thursday of week 52; 2021-01-03 08:00 is Sunday, week 1.
    expect(await project({ v: $.week({ date: '$d', timezone: 'Asia/Shanghai' }) })).toEqual({ sushi: 1, eve: 52, friday: 0, sunday: 1 })
  })
})

describe('field names', () => {
  it('a field whose name starts with $ is refused on add and set, at any depth', async () => {
    await expect(places().add({ $_key: 1 })).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' })
    await expect(places().add({ name: 'nested', inner: { $bad: 1 } })).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' })
    await places().add({ _id: 'dollar-set', name: 'dollar-set' })
    await expect(places().doc('dollar-set').set({ list: [{ $x: 1 }] })).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' })
    expect((await places().where({ name: 'nested' }).count()).total).toBe(0)
    expect((await places().doc('dollar-set').get()).data).toEqual([{ _id: 'dollar-set', name: 'dollar-set' }])
  })
})
