import { effectiveRoles, type Membership } from '../../cloudfunctions/api/src/platform/roles'

const membership = (over: Partial<Membership>): Membership => ({
  _id: 'c:o',
  communityId: 'c',
  openid: 'o',
  status: 'verified',
  roles: [],
  createdAt: new Date(0),
  ...over,
})

const sorted = (s: Set<string>) => [...s].sort()

describe('effective roles', () => {
  it('a caller without identity is only public', () => {
    expect(sorted(effectiveRoles(null, false))).toEqual(['public'])
  })
  it('a signed-in user without membership is a user, not a resident', () => {
    expect(sorted(effectiveRoles(null, true))).toEqual(['public', 'user'])
  })
  it('an unverified member is a resident but not verified', () => {
    expect(sorted(effectiveRoles(membership({ status: 'unverified' }), true))).toEqual(['public', 'resident', 'user'])
  })
  it('a verified committee member has both', () => {
    expect(sorted(effectiveRoles(membership({ roles: ['committee'] }), true))).toEqual([
      'committee',
      'public',
      'resident',
      'user',
      'verified',
    ])
  })
  it('a member who left has no community role', () => {
    expect(sorted(effectiveRoles(membership({ status: 'left', roles: ['admin'] }), true))).toEqual(['public', 'user'])
  })
  it('a street account is read-only, never a resident', () => {
    expect(sorted(effectiveRoles(membership({ roles: ['street'] }), true))).toEqual(['public', 'street', 'user'])
  })
})
