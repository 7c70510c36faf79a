import { allActions } from '../../cloudfunctions/api/src/registry'
import type { ActionOutput } from '../api/types'
import { ACCESS_RULES, accessOf, type AccessFlag } from './access'

const ALL_ACTIONS = allActions()

type Current = NonNullable<ActionOutput<'me.get'>['current']>

const member = (over: Partial<Current>): Current => ({
  communityId: 'c1',
  communityName: '兰溪社区',
  memberId: 'c1:m-1',
  roles: ['resident'],
  buildingIds: [],
  status: 'verified',
  declineReason: null,
  household: null,
  realName: null,
  phone: null,
  ...over,
})

const allowed = (current: Current | null | undefined) => {
  const access = accessOf(current)
  return (Object.keys(ACCESS_RULES) as AccessFlag[]).filter((flag) => access[flag]).sort()
}

describe('what a person may do', () => {
  it('nothing until me.get has answered, and says it does not know yet', () => {
    const access = accessOf(undefined)
    expect(access.known).toBe(false)
    expect(allowed(undefined)).toEqual([])
  })

  it('nothing in a community for someone who has not joined one', () => {
    expect(accessOf(null).known).toBe(true)
    expect(allowed(null)).toEqual([])
  })

  it('an unverified resident comes to meetings, signs up for activities, reports and reads messages, but does not register for a seat, raise, co-sign, comment or vote', () => {
    expect(allowed(member({ status: 'unverified' }))).toEqual(['canAttendMeetings', 'canReadMessages', 'canReport', 'canSignUpForActivities', 'canVoteForNeighbours'])
  })

  it('a verified resident takes part in everything residents do, and runs nothing', () => {
    expect(allowed(member({}))).toEqual(
      [
        'canAttendMeetings',
        'canComment',
        'canCosign',
        'canNominate',
        'canObject',
        'canPostWish',
        'canRaiseIssue',
        'canRate',
        'canReadMessages',
        'canRegisterForMeetings',
        'canReport',
        'canSignUpForActivities',
        'canVote',
        'canVoteForNeighbours',
      ].sort(),
    )
  })

  it('居委会 runs the 议事厅 and verifies households in every building, but sets no roles', () => {
    const access = accessOf(member({ roles: ['resident', 'committee'] }))
    expect(access.canManageMeetings && access.canRunCheckin && access.canTriageIssues && access.canModerate && access.canVerifyMembers && access.canManageAwards).toBe(true)
    expect(access.seesAllBuildings && access.seesContactDetails).toBe(true)
    expect(access.canManageRoles || access.canEditCommunity).toBe(false)
  })

  it('居委会 posts activities and signs up any resident (代报名); a building lead signs up neighbours but posts none', () => {
    const committee = accessOf(member({ roles: ['resident', 'committee'] }))
    expect(committee.canPostActivities && committee.canSignUpNeighbours).toBe(true)
    const lead = accessOf(member({ roles: ['resident', 'buildingLead'], buildingIds: ['c1:b-1'] }))
    expect(lead.canSignUpNeighbours && !lead.canPostActivities).toBe(true)
  })

  it('a 管理员 also sets roles and edits the community', () => {
    const access = accessOf(member({ roles: ['resident', 'admin'] }))
    expect(access.canManageRoles && access.canEditCommunity && access.canManageMeetings).toBe(true)
  })

  it('a building lead verifies the households of their own buildings only, without contact details', () => {
    const access = accessOf(member({ roles: ['resident', 'buildingLead'], buildingIds: ['c1:b-1'] }))
    expect(access.canVerifyMembers).toBe(true)
    expect(access.seesAllBuildings || access.seesContactDetails || access.canManageMeetings || access.canManageAwards).toBe(false)
    expect(access.buildingIds).toEqual(['c1:b-1'])
  })

  it('an approved volunteer signs up for shifts; only 居委会 reviews volunteers and confirms honour hours', () => {
    expect(accessOf(member({ roles: ['resident', 'volunteer'] })).canVolunteer).toBe(true)
    expect(accessOf(member({})).canVolunteer).toBe(false)
    expect(accessOf(member({ roles: ['resident', 'committee'] })).canReviewVolunteers).toBe(true)
    expect(accessOf(member({ roles: ['resident', 'volunteer', 'buildingLead'] })).canReviewVolunteers).toBe(false)
  })

  it('a 街道 account reads the street overview and the statistics and takes no part, even when its status reads verified', () => {
    const access = accessOf(member({ roles: ['street'], status: 'verified' }))
    expect(allowed(member({ roles: ['street'], status: 'verified' }))).toEqual(['canExport', 'canExportMonthlyReport', 'canSeeStats', 'canSeeStreet'])
    expect(access.street && !access.resident && !access.verified).toBe(true)
  })
})

describe('each flag agrees with the server', () => {
  // The router checks an action's roles; a flag that drifts from them would show a button the server refuses, or hide one it allows.
  const rolesOf = new Map<string, readonly string[]>(ALL_ACTIONS.map((def) => [def.name, def.roles]))
  for (const [flag, rule] of Object.entries(ACCESS_RULES)) {
    it(`${flag}: the roles of ${rule.actions.join(', ')}`, () => {
      for (const action of rule.actions) {
        expect({ action, roles: [...(rolesOf.get(action) ?? [])].sort() }).toEqual({ action, roles: [...rule.roles].sort() })
      }
    })
  }
})
