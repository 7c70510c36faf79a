/**
 * Sybil resistance: an invite code cannot be guessed (long and random, the demo's
 * readable one aside), and accounts nobody has verified cannot hide a neighbour's
 * comment by reporting it — their reports are kept for the committee but do not count.
 */
import { DEMO_COMMUNITY } from '../../../local/seed/data'
import { SEED_ISSUES } from '../../../local/seed/council'
import { startTestApi, type TestApi } from '../../helpers/api'

const C = DEMO_COMMUNITY._id
const TOPIC = `${SEED_ISSUES.squareDance}:topic`
/** no 0/O, 1/I/L: read aloud or typed by an elder without a mix-up */
const UNAMBIGUOUS = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]+$/

let t: TestApi
beforeEach(async () => {
  t = await startTestApi()
})
afterEach(() => t.close())

describe('invite codes', () => {
  it('an admin replaces the invite code with a long random one; the old code stops working at once', async () => {
    const first = await t.ok('demo-admin', 'community.invite.reset', {}, C)
    expect(first.inviteCode).toMatch(UNAMBIGUOUS)
    // 31 symbols, at least 12 of them: about 2^59 codes, against 20 lookups an hour per person.
    expect(first.inviteCode.length).toBeGreaterThanOrEqual(12)
    expect(await t.call('new-user', 'community.lookup', { inviteCode: 'LJ2026' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    // Typed as people type it: lower case, in groups.
    const typed = first.inviteCode.toLowerCase().replace(/(.{4})(?!$)/g, '$1-')
    expect(await t.ok('new-user', 'community.lookup', { inviteCode: typed })).toMatchObject({ communityId: C, name: '鹭江社区' })
    expect(await t.ok('demo-committee', 'community.inviteQr', {}, C)).toMatchObject({ inviteCode: first.inviteCode })

    const codes = new Set([first.inviteCode])
    for (let i = 0; i < 9; i++) codes.add((await t.ok('demo-admin', 'community.invite.reset', {}, C)).inviteCode)
    expect(codes.size).toBe(10)
    expect(await t.call('new-user', 'community.lookup', { inviteCode: first.inviteCode })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })

    const audits = ((await t.db.collection('auditLog').where({ communityId: C, action: 'community.invite.reset' }).get()) as { data: unknown[] }).data
    expect(audits).toHaveLength(10)
    expect(await t.call('demo-committee', 'community.invite.reset', {}, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

describe('reports', () => {
  it('reports from members nobody has verified are kept but do not hide a comment; verified neighbours’ do', async () => {
    const { commentId } = await t.ok('demo-resident', 'council.comment.add', { topicId: TOPIC, text: '建议周末可以适当延长到九点半。' }, C)
    const shown = async () => (await t.ok('demo-volunteer', 'council.comment.list', { topicId: TOPIC }, C)).items.find((c) => c.id === commentId)!
    // Fresh accounts join (unverified) and report, with the seeded newcomer who is still waiting for verification.
    const sybils = ['sybil-1', 'sybil-2', 'sybil-3', 'sybil-4']
    const homes = ['b4-2-401', 'b4-1-301', 'b5-1-101', 'b5-2-201']
    for (const [i, openid] of sybils.entries()) {
      await t.ok(openid, 'community.join', { inviteCode: 'LJ2026', householdId: `${C}:${homes[i]}`, nickname: `新邻居${i}` })
    }
    for (const openid of [...sybils, 'demo-newcomer']) {
      expect(await t.ok(openid, 'council.comment.report', { commentId, reason: '刷屏' }, C)).toMatchObject({ hidden: false })
    }
    expect(await shown()).toMatchObject({ status: 'visible', text: '建议周末可以适当延长到九点半。' })
    expect(((await t.db.collection('commentReports').where({ communityId: C, commentId }).get()) as { data: unknown[] }).data).toHaveLength(5)
    // A reporter still counts once: a second report of the same account is refused.
    expect(await t.call('sybil-1', 'council.comment.report', { commentId }, C)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })

    for (const [i, openid] of ['demo-neighbour-01', 'demo-neighbour-02', 'demo-neighbour-03'].entries()) {
      expect(await t.ok(openid, 'council.comment.report', { commentId }, C)).toMatchObject({ reports: i + 1, hidden: i === 2 })
    }
    expect(await shown()).toMatchObject({ status: 'hidden' })
    const pending = await t.ok('demo-committee', 'council.comment.pending', {}, C)
    expect(pending.items.find((c) => c.id === commentId)).toMatchObject({ reports: 3, reasons: ['刷屏'] })
  })
})
