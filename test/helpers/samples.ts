/** A valid input for each action, aimed at the newcomer of building 3 where a target is needed. */
import { membershipId } from '../../cloudfunctions/api/src/platform/roles'
import { DEMO_COMMUNITY } from '../../local/seed/data'

const C = DEMO_COMMUNITY._id
export const NEWCOMER = membershipId(C, 'demo-newcomer')

export const SAMPLES: Record<string, unknown> = {
  'system.ping': {},
  'system.describe': {},
  'me.get': {},
  'me.switchCommunity': { communityId: C },
  'me.registerHousehold': { householdId: `${C}:b3-2-301` },
  'me.setContact': { realName: '陈小雨', phone: '13800000000' },
  'me.updateProfile': { nickname: '小雨' },
  'me.setPreferences': { elderMode: true },
  'me.consent': { version: '2026-11' },
  'me.export': {},
  'me.leave': { communityId: C },
  'me.delete': { confirm: '注销' },
  'community.lookup': { inviteCode: 'LJ2026' },
  'community.structure': {},
  'community.join': { inviteCode: 'LJ2026', householdId: `${C}:b4-2-401`, nickname: '新邻居' },
  'community.settings.get': {},
  'community.settings.update': { settings: { cosignThreshold: 12 } },
  'community.building.save': { name: '6号楼', units: 1, floors: 2, roomsPerFloor: 2 },
  'community.inviteQr': {},
  'member.list': {},
  'member.verify': { memberId: NEWCOMER, approve: true },
  'member.grantRole': { memberId: NEWCOMER, role: 'volunteer' },
  'member.revokeRole': { memberId: NEWCOMER, role: 'volunteer' },
  'street.overview': {},
  'notice.list': { limit: 3 },
  'message.list': { limit: 5 },
  'message.markRead': {},
  'subscription.record': { accepted: ['issueUpdate'] },
  'subscription.status': {},
}

