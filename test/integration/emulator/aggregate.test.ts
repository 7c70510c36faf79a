/** Aggregation pipelines through the genuine SDK, with MongoDB's semantics. */
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator'

let t: TestEmulator

beforeAll(async () => {
  t = await startTestEmulator({
    schema: [
      {
        name: 'votes',
        indexes: [{ name: 'by_campaign', keys: { campaignId: 1, candidateId: 1 } }],
      },
      { name: 'candidates', indexes: [] },
    ],
  })
  await t.db.collection('candidates').add([
    { _id: 'c1', name: '张阿姨', building: 3 },
    { _id: 'c2', name: '李师傅', building: 5 },
    { _id: 'c3', name: '王老师', building: 3 },
  ])
  const day = (d: number) => new Date(Date.UTC(2026, 10, d))
  await t.db.collection('votes').add([
    { campaignId: 'k', candidateId: 'c1', day: day(1), weight: 1, tags: ['热心', '守时'] },
    { campaignId: 'k', candidateId: 'c1', day: day(1), weight: 2, tags: ['热心'] },
    { campaignId: 'k', candidateId: 'c2', day: day(2), weight: 1, tags: [] },
    { campaignId: 'k', candidateId: 'c1', day: day(2), weight: 1, tags: ['守时'] },
    { campaignId: 'k', candidateId: 'c3', day: day(3), weight: 5 },
    { campaignId: 'other', candidateId: 'c2', day: day(3), weight: 100 },
  ])
})
afterAll(() => t.close())

const votes = () => t.db.collection('votes').aggregate()

it('match, group, sort: a tally', async () => {
  const { data } = await votes()
    .match({ campaignId: 'k' })
    .group({ _id: '$candidateId', votes: t._.aggregate.sum(1), weight: t._.aggregate.sum('$weight') })
    .sort({ votes: -1, _id: 1 })
    .end()
  expect(data).toEqual([
    { _id: 'c1', votes: 3, weight: 4 },
    { _id: 'c2', votes: 1, weight: 1 },
    { _id: 'c3', votes: 1, weight: 5 },
  ])
})

it('lookup joins another collection, unwind flattens it, project shapes the output', async () => {
  const { data } = await votes()
    .match({ campaignId: 'k', candidateId: t._.in(['c2', 'c3']) })
    .lookup({ from: 'candidates', localField: 'candidateId', foreignField: '_id', as: 'candidate' })
    .unwind('$candidate')
    .project({ _id: 0, name: '$candidate.name', building: '$candidate.building', weight: 1 })
    .sort({ weight: 1 })
    .end()
  expect(data).toEqual([
    { weight: 1, name: '李师傅', building: 5 },
    { weight: 5, name: '王老师', building: 3 },
  ])
})

it('count, skip and limit', async () => {
  expect((await votes().match({ campaignId: 'k' }).count('n').end()).data).toEqual([{ n: 5 }])
  const { data } = await votes().match({ campaignId: 'k' }).sort({ weight: -1, day: 1 }).skip(1).limit(2).end()
  expect(data.map((d: { weight: number }) => d.weight)).toEqual([2, 1])
})

it('addFields with expression operators, and Dates stay Dates', async () => {
  const $ = t._.aggregate
  const { data } = await votes()
    .match({ campaignId: 'k', candidateId: 'c3' })
    .addFields({ double: $.multiply(['$weight', 2]), dayOfMonth: $.dayOfMonth('$day') })
    .project({ _id: 0, double: 1, dayOfMonth: 1, day: 1 })
    .end()
  expect(data).toEqual([{ day: new Date(Date.UTC(2026, 10, 3)), double: 10, dayOfMonth: 3 }])
  expect(data[0].day).toBeInstanceOf(Date)
})

it('unwind an array field and sortByCount it', async () => {
  const { data } = await votes().match({ campaignId: 'k' }).unwind('$tags').sortByCount('$tags').end()
  const byTag = [...data].sort((a: { _id: string }, b: { _id: string }) => (a._id < b._id ? -1 : 1))
  expect(byTag).toEqual([
    { _id: '守时', count: 2 },
    { _id: '热心', count: 2 },
  ])
})

it('groups by a date part and pushes values', async () => {
  const $ = t._.aggregate
  const { data } = await votes()
    .match({ campaignId: 'k' })
    .group({ _id: $.dayOfMonth('$day'), who: $.addToSet('$candidateId') })
    .sort({ _id: 1 })
    .end()
  expect(data.map((d: { _id: number; who: string[] }) => [d._id, [...d.who].sort()])).toEqual([
    [1, ['c1']],
    [2, ['c1', 'c2']],
    [3, ['c3']],
  ])
})

it('resolves db.serverDate() inside $match', async () => {
  const { data } = await votes().match({ campaignId: 'k', day: t._.lt(t.db.serverDate()) }).count('n').end()
  expect(data).toEqual([{ n: 5 }])
})

it('refuses stages that would write', async () => {
  const raw = await t.emulator.call({
    action: 'database.aggregateDocuments',
    collectionName: 'votes',
    stages: [
      { stageKey: '$match', stageValue: JSON.stringify({ campaignId: 'k' }) },
      { stageKey: '$out', stageValue: '"copy"' },
    ],
  })
  expect(raw.code).toBe('DATABASE_INVALID_OPERRATOR')
})
