/**
 * Run by award-votes.test.ts with TZ set to a zone other than China's: votes at 23:59
 * and 00:00 Asia/Shanghai through the real api and emulator, printing what was seen
 * as one JSON line.
 */
import { startTestApi } from './api'
import { campaignInVoting } from './awards'

async function main() {
  const t = await startTestApi()
  try {
    const { campaignId, cand } = await campaignInVoting(t, { opensAt: '2026-11-30T08:00:00+08:00' })
    const vote = (c: string) => t.call('demo-resident', 'award.vote', { campaignId, candidateId: c })
    t.clock.set('2026-11-30T23:59:00+08:00')
    const beforeMidnight = []
    for (const c of cand.slice(0, 3)) beforeMidnight.push((await vote(c)).ok)
    t.clock.set('2026-11-30T23:59:59+08:00')
    const fourth = await vote(cand[3])
    t.clock.set('2026-12-01T00:00:00+08:00')
    const midnight = await vote(cand[0])
    const docs = (await t.db.collection('awardVotes').where({ communityId: 'c_lujiang', campaignId }).get()) as { data: Array<{ day: string }> }
    const days: Record<string, number> = {}
    for (const d of docs.data) days[d.day] = (days[d.day] ?? 0) + 1
    const seen = {
      serverOffsetMinutes: t.clock.now().getTimezoneOffset(),
      serverDateAtChinaMidnight: t.clock.now().getDate(),
      beforeMidnight,
      fourthAt235959: fourth.ok ? null : { code: fourth.error.code, message: fourth.error.message },
      atMidnight: midnight.ok ? { ok: true, leftToday: midnight.data.leftToday } : { ok: false },
      days,
    }
    console.log(JSON.stringify(seen))
  } finally {
    await t.close()
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
