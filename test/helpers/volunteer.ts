/**
 * A volunteer team ready to serve, built through the api as people would: the
 * committee forms a team led by demo-lead, the lead publishes a project and a
 * 2-hour shift starting an hour from the test clock's now.
 */
import { membershipId } from '../../cloudfunctions/api/src/platform/roles'
import { DEMO_COMMUNITY } from '../../local/seed/data'
import type { TestApi } from './api'

export const C = DEMO_COMMUNITY._id
export const LEAD = 'demo-lead'
export const MINUTE = 60_000
export const HOUR = 60 * MINUTE

type Api = Pick<TestApi, 'ok' | 'clock'>

export async function teamWithShift(t: Api, { capacity = 10, startInMinutes = 60, lengthMinutes = 120 } = {}) {
  const { teamId } = await t.ok('demo-committee', 'volunteer.team.create', { name: '鹭江志愿服务队', leadIds: [membershipId(C, LEAD)] }, C)
  const { projectId } = await t.ok(LEAD, 'volunteer.project.create', { title: '关爱独居老人', description: '每周上门探访社区独居老人，陪伴聊天、检查用电安全', category: 'elderly', teamId }, C)
  const shiftId = await shift(t, projectId, { capacity, startInMinutes, lengthMinutes })
  return { teamId, projectId, shiftId }
}

export async function shift(t: Api, projectId: string, { capacity = 10, startInMinutes = 60, lengthMinutes = 120, place = '鹭江社区服务中心' } = {}) {
  const start = t.clock.now().getTime() + startInMinutes * MINUTE
  const { shiftId } = await t.ok(
    LEAD,
    'volunteer.shift.create',
    { projectId, startAt: new Date(start).toISOString(), endAt: new Date(start + lengthMinutes * MINUTE).toISOString(), place, capacity, content: '上门探访、陪伴聊天' },
    C,
  )
  return shiftId
}

/** A valid mainland identity number (GB 11643 check digit) from 17 digits. */
export function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = weights.reduce((s, w, i) => s + w * Number(first17[i]), 0)
  return first17 + '10X98765432'[sum % 11]
}

/**
 * A newcomer who joins, is verified and made a volunteer: someone the demo data has
 * given no hours, points or records, whatever later seeds add for the personas.
 */
export async function freshVolunteer(t: Pick<TestApi, 'ok'>, openid = 'fresh-volunteer', nickname = '黄志明') {
  await t.ok(openid, 'community.join', { inviteCode: 'LJ2026', householdId: `${C}:b4-2-401`, nickname })
  const memberId = (await t.ok(openid, 'me.get', {}, C)).current!.memberId
  await t.ok('demo-committee', 'member.verify', { memberId, approve: true }, C)
  await t.ok('demo-admin', 'member.grantRole', { memberId, role: 'volunteer' }, C)
  return { openid, memberId }
}
