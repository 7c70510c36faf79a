/**
 * A secret ballot stays secret in storage: someone who can read the whole database
 * (an operator, a leaked backup) learns who voted and how many chose each option,
 * never who chose what. The test plays that reader: it takes every document the
 * ballots wrote or changed and tries each way of pairing a voter with a choice —
 * a record holding both, neighbours in natural (insertion) order, rank in natural
 * order, in `_id` order and in time, nearest timestamps, the counts of the document
 * (a shard of the box) that lists the voter — and none may do better than guessing.
 */
import { SCHEMA } from '../../../cloudfunctions/api/src/platform/schema'
import { DEMO_COMMUNITY, HOUSEHOLDS } from '../../../local/seed/data'
import { startTestApi, type TestApi } from '../../helpers/api'

const C = DEMO_COMMUNITY._id
const VOTERS = 45
const OPTIONS = ['楼道照明', '健身器材', '电动车充电桩']

/* eslint-disable @typescript-eslint/no-explicit-any */
type Doc = Record<string, any>

let t: TestApi
beforeAll(async () => {
  t = await startTestApi()
})
afterAll(() => t.close())

/** Collections a community's documents live in, read as an operator would: by community, in natural order. */
const SCOPED = SCHEMA.filter((c) => c.indexes.some((i) => Object.keys(i.keys)[0] === 'communityId')).map((c) => c.name)

async function readAll(collection: string): Promise<Doc[]> {
  const out: Doc[] = []
  for (let skip = 0; ; skip += 1000) {
    const page = ((await t.db.collection(collection).where({ communityId: C }).skip(skip).limit(1000).get()) as { data: Doc[] }).data
    out.push(...page)
    if (page.length < 1000) return out
  }
}

async function snapshot(): Promise<Map<string, Doc[]>> {
  const all = new Map<string, Doc[]>()
  for (const name of SCOPED) all.set(name, await readAll(name))
  return all
}

/** A deterministic sequence of choices, about a third each, in no pattern a voter's position reveals. */
function choices(n: number): number[] {
  let x = 20261123
  return Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31
    return Math.floor((x / 2 ** 31) * OPTIONS.length)
  })
}

interface Voter {
  openid: string
  memberId: string
  choice: number
}

interface Rec {
  collection: string
  /** natural position of the document in its collection, then of the element inside it */
  pos: [number, number]
  id: string
  time: number | null
  voter?: Voter
  option?: number
  /** the commonest option of the document that holds the voter's record, when it counts its ballots (a box, a shard) */
  group?: number
}

const dates = (v: unknown, out: number[] = []): number[] => {
  if (v instanceof Date) out.push(v.getTime())
  else if (Array.isArray(v)) v.forEach((x) => dates(x, out))
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => dates(x, out))
  return out
}

/** A field that looks like a choice: an option index stored on its own. */
function optionOf(v: Doc): number | undefined {
  for (const key of ['option', 'choice', 'o']) if (typeof v[key] === 'number') return v[key]
  return undefined
}

/** Every record the ballots left: voter records (naming one voter) and choice records (an option, no voter). */
function records(changed: Array<{ collection: string; pos: number; doc: Doc }>, voters: Voter[]): Rec[] {
  const mentions = (v: unknown) => {
    const text = JSON.stringify(v)
    return voters.filter((x) => text.includes(x.memberId) || text.includes(x.memberId.slice(C.length + 1)) || text.includes(x.openid))
  }
  const out: Rec[] = []
  for (const { collection, pos, doc } of changed) {
    const named = mentions(doc)
    const time = dates(doc)[0] ?? null
    const counts = Array.isArray(doc.counts) && doc.counts.every((n: unknown) => typeof n === 'number') ? (doc.counts as number[]) : null
    const group = counts && counts.some((n) => n > 0) ? counts.indexOf(Math.max(...counts)) : undefined
    if (named.length === 1) {
      out.push({ collection, pos: [pos, 0], id: String(doc._id), time, voter: named[0], option: optionOf(doc), group })
    } else if (named.length === 0) {
      const option = optionOf(doc)
      if (option !== undefined) out.push({ collection, pos: [pos, 0], id: String(doc._id), time, option })
    }
    // A document naming many voters: each element of its arrays may be one voter's record, with its place in the array.
    if (named.length > 1) {
      for (const value of Object.values(doc)) {
        if (!Array.isArray(value)) continue
        value.forEach((element, i) => {
          const who = mentions(element)
          const option = element && typeof element === 'object' ? optionOf(element) : undefined
          if (who.length === 1) out.push({ collection, pos: [pos, i], id: `${doc._id}#${i}`, time: dates(element)[0] ?? null, voter: who[0], option, group })
          else if (who.length === 0 && option !== undefined) out.push({ collection, pos: [pos, i], id: `${doc._id}#${i}`, time: dates(element)[0] ?? null, option })
        })
      }
    }
  }
  return out
}

const byPos = (a: Rec, b: Rec) => a.collection.localeCompare(b.collection) || a.pos[0] - b.pos[0] || a.pos[1] - b.pos[1]

/** How many voters each strategy pairs with their true choice. */
function attacks(recs: Rec[]): Record<string, number> {
  const voterRecs = recs.filter((r) => r.voter)
  const choiceRecs = recs.filter((r) => !r.voter && r.option !== undefined)
  const score = (guess: (v: Rec, i: number) => number | undefined) => {
    const right = new Set<string>()
    voterRecs.forEach((v, i) => {
      if (guess(v, i) === v.voter!.choice) right.add(v.voter!.openid)
    })
    return right.size
  }
  const rank = (voterOrder: (a: Rec, b: Rec) => number, choiceOrder: (a: Rec, b: Rec) => number) => {
    const vs = [...voterRecs].sort(voterOrder)
    const cs = [...choiceRecs].sort(choiceOrder)
    const at = new Map(vs.map((v, i) => [v, i]))
    return score((v) => cs[at.get(v)!]?.option)
  }
  const nearest = (distance: (v: Rec, c: Rec) => number | null) =>
    score((v) => {
      let best: Rec | undefined
      let bestD = Infinity
      for (const c of choiceRecs) {
        const d = distance(v, c)
        if (d !== null && d < bestD) [best, bestD] = [c, d]
      }
      return best?.option
    })
  const byId = (a: Rec, b: Rec) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  const byTime = (a: Rec, b: Rec) => (a.time ?? 0) - (b.time ?? 0) || byPos(a, b)
  const ids = [...recs].sort(byId)
  const idRank = new Map(ids.map((r, i) => [r, i]))
  return {
    'a voter record holding its option': score((v) => v.option),
    // A document that lists a few voters beside their counts (a shard of the box) tells how they voted: all of them if one.
    'the commonest choice of the document listing the voter': score((v) => v.group),
    'nearest choice in natural order': nearest((v, c) => (v.collection === c.collection ? Math.abs(v.pos[0] - c.pos[0]) * 10_000 + Math.abs(v.pos[1] - c.pos[1]) : null)),
    // A batch (one insert of several documents) lands side by side: the choice right after, or right before, the voter.
    'next choice in natural order': nearest((v, c) => (v.collection === c.collection && byPos(c, v) > 0 ? (c.pos[0] - v.pos[0]) * 10_000 + c.pos[1] - v.pos[1] : null)),
    'previous choice in natural order': nearest((v, c) => (v.collection === c.collection && byPos(c, v) < 0 ? (v.pos[0] - c.pos[0]) * 10_000 + v.pos[1] - c.pos[1] : null)),
    'nearest choice in _id order': nearest((v, c) => Math.abs(idRank.get(v)! - idRank.get(c)!)),
    'nearest timestamp': nearest((v, c) => (v.time !== null && c.time !== null ? Math.abs(v.time - c.time) : null)),
    'rank in natural order': rank(byPos, byPos),
    'rank in _id order': rank(byId, byId),
    'rank in time': rank(byTime, byTime),
    'voters in natural order, choices by _id': rank(byPos, byId),
  }
}

it('no order, id, time or batch in storage links a secret ballot’s voter to its choice', async () => {
  const picks = choices(VOTERS)
  const voters: Voter[] = []
  for (let i = 0; i < VOTERS; i++) {
    const openid = `secret-voter-${String(i).padStart(2, '0')}`
    const household = HOUSEHOLDS[i % HOUSEHOLDS.length]
    const joined = await t.ok(openid, 'community.join', { inviteCode: 'LJ2026', householdId: household._id, nickname: `投票邻居${i}` })
    expect(joined.status).toBe('unverified')
    const me = await t.ok(openid, 'me.get', {}, C)
    voters.push({ openid, memberId: me.current!.memberId, choice: picks[i] })
  }
  for (const v of voters) await t.db.collection('memberships').doc(v.memberId).update({ status: 'verified' })

  const closesAt = new Date(t.clock.now().getTime() + 3 * 86_400_000).toISOString()
  const { motionId } = await t.ok('demo-committee', 'council.motion.create', { title: '公共收益使用方案', description: '明年公共收益优先用于哪一项，请每位居民投一票。', options: OPTIONS, secret: true, hideResults: false, closesAt }, C)
  const before = await snapshot()

  // Two thirds one after another (the easiest case for a reader of insertion order), the rest at once, each sent twice.
  const sequential = voters.slice(0, 30)
  for (const v of sequential) {
    await t.ok(v.openid, 'council.motion.vote', { motionId, option: v.choice }, C)
    t.clock.advance(1000)
  }
  const burst = voters.slice(30).flatMap((v) => [v, v])
  const results = await Promise.all(burst.map((v) => t.call(v.openid, 'council.motion.vote', { motionId, option: v.choice }, C)))
  expect(results.filter((r) => r.ok)).toHaveLength(VOTERS - sequential.length)
  expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === 'CONFLICT')).toBe(true)

  const after = await snapshot()
  const changed: Array<{ collection: string; pos: number; doc: Doc }> = []
  for (const [collection, docs] of after) {
    const was = new Map(before.get(collection)!.map((d) => [String(d._id), JSON.stringify(d)]))
    docs.forEach((doc, pos) => {
      if (was.get(String(doc._id)) !== JSON.stringify(doc)) changed.push({ collection, pos, doc })
    })
  }
  expect(changed.length).toBeGreaterThan(0)

  const found = attacks(records(changed, voters))
  // Guessing: about a third right, 15 of 45 (sd ≈ 3.2); the most common option is right for this many.
  const commonest = Math.max(...OPTIONS.map((_, o) => picks.filter((p) => p === o).length))
  const chance = Math.max(commonest, Math.ceil(VOTERS / OPTIONS.length + 3 * Math.sqrt((VOTERS * 2) / 9)))
  const betterThanChance = Object.entries(found).filter(([, right]) => right > chance)
  expect(betterThanChance.map(([strategy, right]) => `${strategy}: ${right} of ${VOTERS}`)).toEqual([])

  // The tally is still exact, and the close says so.
  const expected = OPTIONS.map((_, o) => picks.filter((p) => p === o).length)
  expect(await t.ok('demo-resident', 'council.motion.get', { motionId }, C)).toMatchObject({ cast: VOTERS, counts: expected })
  const closed = await t.ok('demo-committee', 'council.motion.close', { motionId }, C)
  const decision = await t.ok('demo-resident', 'council.decision.get', { decisionId: closed.decisionId }, C)
  expect(decision.results.map((r) => r.votes)).toEqual(expected)
  expect(decision.cast).toBe(VOTERS)
})
