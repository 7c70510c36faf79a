/**
 * The authorization matrix: every action in system.describe, called as each kind of
 * caller, succeeds exactly where the action's roles say and otherwise fails with
 * FORBIDDEN or UNAUTHENTICATED having written nothing. A new action joins the matrix
 * by adding its sample input below (the test fails until it does).
 */
import type { Role } from '../../../cloudfunctions/api/src/platform/roles'
import { allActions } from '../../../cloudfunctions/api/src/registry'
import { DEMO_COMMUNITY } from '../../../local/seed/data'
import { SEED_ISSUES } from '../../../local/seed/council'
import { dataWrites, startTestApi, type TestApi } from '../../helpers/api'
import { SAMPLES } from '../../helpers/samples'

const ALL_ACTIONS = allActions()

const C = DEMO_COMMUNITY._id

/** The callers of the matrix, with the roles we expect them to hold (an oracle independent of the router). */
const CALLERS: Array<{ who: string; openid: string | null; roles: Role[] }> = [
  { who: 'anonymous', openid: null, roles: ['public'] },
  { who: 'no membership', openid: 'demo-visitor', roles: ['public', 'user'] },
  { who: 'member of another community', openid: 'demo-other', roles: ['public', 'user'] },
  { who: 'unverified resident', openid: 'demo-newcomer', roles: ['public', 'user', 'resident'] },
  { who: 'verified resident', openid: 'demo-resident', roles: ['public', 'user', 'resident', 'verified'] },
  { who: 'volunteer', openid: 'demo-volunteer', roles: ['public', 'user', 'resident', 'verified', 'volunteer'] },
  { who: 'building lead of another building', openid: 'demo-lead', roles: ['public', 'user', 'resident', 'verified', 'buildingLead'] },
  { who: 'building lead of the building', openid: 'demo-lead3', roles: ['public', 'user', 'resident', 'verified', 'buildingLead'] },
  { who: 'committee', openid: 'demo-committee', roles: ['public', 'user', 'resident', 'verified', 'committee'] },
  { who: 'admin', openid: 'demo-admin', roles: ['public', 'user', 'resident', 'verified', 'committee', 'admin'] },
  { who: 'street', openid: 'demo-street', roles: ['public', 'user', 'street'] },
]

/** Actions whose target decides, beyond the role, whether a building lead may act. */
const BUILDING_SCOPED = new Set(['member.verify', 'activity.signupFor', 'council.issue.cosignFor', 'council.task.rateFor'])

/** Actions that take a photo the caller uploaded: the sample's lies in this person's place, so only they may use it. */
const FILE_OWNER: Record<string, string> = { 'council.paper.record': 'demo-committee' }

/**
 * Actions open to the committee and to the owner of the sample's target, no one else: a task's owner posts its
 * progress; the lead of the seeded volunteer team runs its shifts.
 */
const OWNER_SCOPED: Record<string, string> = {
  'council.task.update': 'demo-lead3',
  'mall.order.cancel': 'demo-lead',
  'wish.confirm': 'demo-lead3',
  'wish.withdraw': 'demo-lead',
  ...Object.fromEntries(
    ['volunteer.shift.create', 'volunteer.shift.roster', 'volunteer.shift.cancel', 'volunteer.record.settle', 'volunteer.honour.add', 'volunteer.record.answer'].map((a) => [a, 'demo-lead']),
  ),
}

/**
 * Actions whose event kind says who organises it (the samples' event is a 议事会, which the committee organises),
 * a volunteer project without a team, which the committee runs itself, and an activity's organisers: the
 * committee (the seeded activities name no one else); posting one, the committee or a team's lead.
 */
const ORGANISER_SCOPED = new Set([
  'checkin.token',
  'checkin.scanAttendee',
  'checkin.mark',
  'checkin.attendees',
  'volunteer.project.create',
  'activity.create',
  'activity.publish',
  'activity.update',
  'activity.setCapacity',
  'activity.remove',
  'activity.move',
  'activity.cancelActivity',
  'activity.registrations',
  'activity.export',
  'activity.summary',
  'activity.attendance',
])

/** Actions whose target's rules decide, beyond the role, who may act: the sample campaign lets verified residents vote. */
const VERIFIED_BY_RULE = new Set(['award.vote'])


function expectedAllowed(action: (typeof ALL_ACTIONS)[number], caller: (typeof CALLERS)[number]): boolean {
  if (!action.roles.some((r) => caller.roles.includes(r))) return false
  if (BUILDING_SCOPED.has(action.name) && caller.who === 'building lead of another building') return false
  if (FILE_OWNER[action.name] && caller.openid !== FILE_OWNER[action.name]) return false
  const owner = OWNER_SCOPED[action.name]
  if (owner && caller.openid !== owner && !caller.roles.includes('committee')) return false
  if (ORGANISER_SCOPED.has(action.name) && !caller.roles.includes('committee')) return false
  if (VERIFIED_BY_RULE.has(action.name) && !caller.roles.includes('verified')) return false
  // The sample exports the member list; a 街道 account may export the monthly report only.
  if (action.name === 'export.create' && caller.roles.includes('street')) return false
  return true
}

describe('authorization matrix', () => {
  it('has a sample input for every action', () => {
    const missing = ALL_ACTIONS.map((a) => a.name).filter((n) => !(n in SAMPLES))
    expect(missing).toEqual([])
  })

  describe.each(ALL_ACTIONS.map((a) => [a.name, a] as const))('%s', (_name, action) => {
    let t: TestApi
    beforeAll(async () => {
      t = await startTestApi()
      // share.open resolves a code someone made: the sample's poster exists before anyone scans it.
      if (action.name === 'share.open') await t.ok('demo-resident', 'share.code', { page: 'issue', id: SEED_ISSUES.westGate }, C)
    })
    afterAll(() => t.close())

    it('answers each caller as its roles say', async () => {
      const outcomes: string[] = []
      let succeeded = 0
      // Refused callers first, so that no allowed call changes the state they are refused in.
      const ordered = [...CALLERS].sort((a, b) => Number(expectedAllowed(action, a)) - Number(expectedAllowed(action, b)))
      for (const caller of ordered) {
        const allowed = expectedAllowed(action, caller)
        t.emulator.resetStats()
        const res = await t.call(caller.openid, action.name as never, SAMPLES[action.name] as never, C)
        const writes = dataWrites(t)
        const code = res.ok ? 'ok' : res.error.code
        if (res.ok) succeeded++
        if (allowed) {
          if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED' || code === 'INTERNAL' || code === 'INVALID_ARGUMENT') {
            outcomes.push(`${caller.who}: expected to be allowed, got ${code} ${res.ok ? '' : res.error.message}`)
          }
        } else {
          const expected = caller.openid ? 'FORBIDDEN' : 'UNAUTHENTICATED'
          if (code !== expected) outcomes.push(`${caller.who}: expected ${expected}, got ${code}`)
          if (writes > 0) outcomes.push(`${caller.who}: refused but wrote ${writes} time(s)`)
        }
      }
      expect(outcomes).toEqual([])
      expect(succeeded).toBeGreaterThan(0)
    })
  })
})
