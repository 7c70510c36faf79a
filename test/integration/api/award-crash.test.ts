/**
 * 最美邻里 votes and what follows them survive the server dying: a burst of 300
 * ballots and then a burst of voids, each through three kill -9 of the database with
 * every call retried until it answers, leave every voter exactly 3 votes a day, one
 * document per counted pick, and tallies and void counts that agree with the
 * documents; the results and the winners' confirmation, cut off after each of their
 * database requests in turn and retried, converge on one result, one notice, one
 * honour and one points entry per winner.
 */
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import type { Envelope } from '../../../cloudfunctions/api/src/router'
import { DEMO_COMMUNITY, neighbours } from '../../../local/seed/data'
import { campaignInVoting } from '../../helpers/awards'
import { crashBurst, startCrashableApi, startPluggedApi, untilAnswered, type CrashableApi } from '../../helpers/crash'

jest.setTimeout(600_000)

const C = DEMO_COMMUNITY._id
const N = neighbours().map((n) => n.openid)
const DAY = 86_400_000

type Row = { _id: string; voterId: string; candidateId: string; day: string; status: string }
type Db = CrashableApi['db']

async function voteDocs(db: Db, campaignId: string): Promise<Row[]> {
  const res = (await db.collection('awardVotes').where({ communityId: C, campaignId }).limit(1000).get()) as { data: Row[] }
  return res.data
}
async function boxes(db: Db, campaignId: string) {
  const res = (await db.collection('awardBoxes').where({ communityId: C, campaignId }).limit(1000).get()) as { data: Array<{ picks: string[]; voided: string[]; counts: Record<string, number>; voids: Record<string, number> }> }
  return res.data
}
/** A read straight from the database, sent again when the plug cut its connection. */
async function read<T>(get: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await get()
    } catch (err) {
      if (attempt >= 50) throw err
      await new Promise((done) => setTimeout(done, 20))
    }
  }
}
const countBy = <T>(rows: T[], key: (r: T) => string) => rows.reduce((m, r) => m.set(key(r), (m.get(key(r)) ?? 0) + 1), new Map<string, number>())

describe('kill -9 in the middle of bursts', () => {
  let t: CrashableApi
  beforeAll(async () => {
    t = await startCrashableApi()
  })
  afterAll(() => t?.close())

  it('keeps votes, tallies and voids exact through three kills during 300 ballots and three during 40 voids of 20 votes', async () => {
    const { campaignId, cand } = await campaignInVoting(t)
    const calls = N.flatMap((openid) => cand.flatMap((candidateId) => [0, 1].map(() => () => t.call(openid, 'award.vote', { campaignId, candidateId }) as Promise<Envelope>)))
    expect(calls).toHaveLength(300)
    const burst = await crashBurst(t.server, { calls, kills: 3 })
    expect(burst.kills).toBe(3)
    for (const a of burst.answers) {
      if (!a.answer.ok) expect(a.answer.error.message).toMatch(/^(今天已经给 \d+ 号投过票了，每位候选人每天一票|今天的 3 票已经投完了，明天再来)$/)
    }

    const docs = await voteDocs(t.db, campaignId)
    expect(docs).toHaveLength(90)
    expect([...countBy(docs, (d) => d.voterId).values()].every((n) => n === 3)).toBe(true)
    expect(new Set(docs.map((d) => `${d.voterId} ${d.candidateId}`)).size).toBe(90)
    // Every accepted ballot is one of its voter's documents.
    const accepted = burst.answers.flatMap((a, i) => (a.answer.ok ? [i] : []))
    expect(accepted.length).toBeLessThanOrEqual(90)
    const picks = (await boxes(t.db, campaignId)).flatMap((b) => b.picks)
    expect(picks).toHaveLength(90)
    const committee = await t.ok('demo-committee', 'award.campaign.get', { campaignId })
    const counted = countBy(docs, (d) => d.candidateId)
    expect(committee.candidates.map((c) => c.votes)).toEqual(cand.map((c) => counted.get(c) ?? 0))

    // Twenty votes voided one call each, twice over (by two of the committee, each within their hourly allowance of checked texts), through three more kills.
    const chosen = docs.slice(0, 20).map((d) => d._id)
    const reason = '核实为同一人使用多个账号投票'
    const voids = [...chosen, ...chosen].map((id, i) => () => t.call(i % 2 ? 'demo-admin' : 'demo-committee', 'award.vote.void', { campaignId, voteIds: [id], reason }) as Promise<Envelope>)
    const voided = await crashBurst(t.server, { calls: voids, kills: 3, concurrency: 16 })
    expect(voided.answers.flatMap((a) => (a.answer.ok ? [] : [`${a.answer.error.code} ${a.answer.error.message}`]))).toEqual([])
    const after = await voteDocs(t.db, campaignId)
    expect(after.filter((d) => d.status === 'void').map((d) => d._id).sort()).toEqual([...chosen].sort())
    const stored = await boxes(t.db, campaignId)
    const voidCount = stored.reduce((n, b) => n + Object.values(b.voids ?? {}).reduce((a, v) => a + v, 0), 0)
    expect(voidCount).toBe(20)
    expect(stored.flatMap((b) => b.voided).length).toBe(20)
    const flags = await t.ok('demo-committee', 'award.votes.flags', { campaignId })
    expect(flags.totals).toEqual({ counted: 70, held: 0, voided: 20 })
    const shown = await t.ok('demo-committee', 'award.campaign.get', { campaignId })
    const stillCounted = countBy(
      after.filter((d) => d.status === 'counted'),
      (d) => d.candidateId,
    )
    expect(shown.candidates.map((c) => c.votes)).toEqual(cand.map((c) => stillCounted.get(c) ?? 0))
  })
})

describe('results and winners, cut off after each database request', () => {
  it('converge on one result and one honour, notice and points entry per winner, wherever the server stops', async () => {
    const t = await startPluggedApi()
    try {
      const send = (action: 'award.results.publish' | 'award.winners.confirm', campaignId: string) => () => t.call('demo-committee', action, { campaignId }) as Promise<Envelope>
      /** A campaign whose voting has ended with votes for two members and a named neighbour, jury scores recorded. */
      const counting = async () => {
        const { campaignId, cand } = await campaignInVoting(t, { candidates: 3, nominees: ['demo-volunteer', 'demo-lead'], winners: 2, winnerPoints: 30 })
        for (const [i, openid] of N.slice(0, 6).entries()) {
          await t.ok(openid, 'award.vote', { campaignId, candidateId: cand[i % 3] })
          if (i < 4) await t.ok(openid, 'award.vote', { campaignId, candidateId: cand[0] === cand[i % 3] ? cand[1] : cand[0] })
        }
        t.clock.advance(8 * DAY)
        await t.ok('demo-committee', 'award.jury.score', { campaignId, scores: cand.map((candidateId, i) => ({ candidateId, score: 90 - i * 5 })) })
        return campaignId
      }
      // How many requests each takes when nothing fails.
      const probe = await counting()
      let before = t.plug.delivered
      const clean = await t.ok('demo-committee', 'award.results.publish', { campaignId: probe })
      const publishRequests = t.plug.delivered - before
      t.clock.advance(6 * DAY)
      before = t.plug.delivered
      await t.ok('demo-committee', 'award.winners.confirm', { campaignId: probe })
      const confirmRequests = t.plug.delivered - before

      const checkOne = async (campaignId: string) => {
        const got = await t.ok('demo-resident', 'award.campaign.get', { campaignId })
        expect(got.totals).toEqual(clean.totals)
        expect(got.candidates.map((c) => [c.votes, c.rank, c.winner])).toEqual([
          [expect.any(Number), expect.any(Number), expect.any(Boolean)],
          [expect.any(Number), expect.any(Number), expect.any(Boolean)],
          [expect.any(Number), expect.any(Number), expect.any(Boolean)],
        ])
        const notices = (await read(() => t.db.collection('notices').where({ communityId: C, _id: t._.in([`${campaignId}:results`, `${campaignId}:final`]) }).get())) as { data: unknown[] }
        return { got, notices: notices.data.length }
      }

      for (let n = 1; n <= publishRequests; n += 2) {
        t.clock.set('2026-11-23T10:00:00+08:00')
        const campaignId = await counting()
        await t.crashAfter(n, send('award.results.publish', campaignId))
        const { answer } = await untilAnswered(send('award.results.publish', campaignId), { deadlineMs: 20_000, pauseMs: 10 })
        expect({ n, ok: answer.ok }).toEqual({ n, ok: true })
        t.clock.advance(6 * DAY)
        await t.crashAfter(Math.min(n, confirmRequests), send('award.winners.confirm', campaignId))
        const confirmed = await untilAnswered(send('award.winners.confirm', campaignId), { deadlineMs: 20_000, pauseMs: 10 })
        expect({ n, ok: confirmed.answer.ok }).toEqual({ n, ok: true })
        const { got, notices } = await checkOne(campaignId)
        expect({ n, phase: got.phase, notices }).toEqual({ n, phase: 'final', notices: 2 })
        const honours = (await read(() => t.db.collection('awardHonours').where({ communityId: C, _id: t._.in([1, 2, 3].map((k) => `${campaignId}:c${k}:honour`)) }).get())) as { data: unknown[] }
        expect({ n, honours: honours.data.length }).toEqual({ n, honours: 2 })
        const winners = [membershipId(C, 'demo-volunteer'), membershipId(C, 'demo-lead')]
        const entries = (await read(() => t.db.collection('pointEntries').where({ communityId: C, memberId: t._.in(winners) }).limit(1000).get())) as { data: Array<{ amount: number; source: string }> }
        const mine = entries.data.filter((e) => e.source.startsWith(`award:${campaignId}:`))
        expect({ n, points: mine.map((e) => e.amount) }).toEqual({ n, points: [30, 30] })
      }
    } finally {
      await t.close()
    }
  })
})
