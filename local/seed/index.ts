/**
 * Seeds the demo on the first start. It writes through the genuine SDK (as
 * `npm run db:apply` does), before any user exists; everything after that goes
 * through the `api` function.
 */
import type { CloudBase } from '@cloudbase/node-sdk'
import { reminderMoments } from '../../cloudfunctions/api/src/modules/activity/timers'
import { meetingReminderDue } from '../../cloudfunctions/api/src/modules/council/model'
import { waitedUntil } from '../../cloudfunctions/api/src/modules/wish/due'
import { ALARMS, alarmId } from '../../cloudfunctions/api/src/platform/alarms'
import { membershipId } from '../../cloudfunctions/api/src/platform/roles'
import { seedActivities } from './activities'
import { seedAwards } from './awards'
import { seedCouncil } from './council'
import { seedDecisions } from './decisions'
import { seedVolunteer } from './volunteer'
import { seedVolunteers } from './volunteers'
import { seedMall } from './mall'
import {
  BUILDINGS,
  DEMO_COMMUNITY,
  HOUSEHOLDS,
  seedNotices,
  OTHER_BUILDINGS,
  OTHER_COMMUNITY,
  OTHER_HOUSEHOLDS,
  PERSONAS,
  neighbours,
  type Persona,
} from './data'

const DAY = 86_400_000
/* eslint-disable @typescript-eslint/no-explicit-any */

export async function isSeeded(app: CloudBase): Promise<boolean> {
  const res: any = await app.database().collection('communities').doc(DEMO_COMMUNITY._id).get()
  return (res.data?.length ?? 0) > 0
}

function grantedRoles(p: Persona): string[] {
  switch (p.role) {
    case 'admin':
      return ['committee', 'admin']
    case 'resident':
    case 'visitor':
      return []
    default:
      return [p.role]
  }
}

export async function seedDemo(app: CloudBase, now: Date = new Date()): Promise<{ seeded: boolean; documents: number }> {
  if (await isSeeded(app)) return { seeded: false, documents: 0 }
  const db = app.database()
  const cid = DEMO_COMMUNITY._id
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY)
  let documents = 0
  const addAll = async (collection: string, docs: Array<Record<string, unknown>>) => {
    for (let i = 0; i < docs.length; i += 100) await db.collection(collection).add(docs.slice(i, i + 100))
    documents += docs.length
  }
  const householdOf = new Map([...HOUSEHOLDS, ...OTHER_HOUSEHOLDS].map((h) => [h._id, h]))

  await addAll('buildings', [
    ...BUILDINGS.map((b) => ({ ...b, communityId: cid })),
    ...OTHER_BUILDINGS.map((b) => ({ ...b, communityId: OTHER_COMMUNITY._id })),
  ])
  await addAll('households', [
    ...HOUSEHOLDS.map((h) => ({ ...h, communityId: cid })),
    ...OTHER_HOUSEHOLDS.map((h) => ({ ...h, communityId: OTHER_COMMUNITY._id })),
  ])

  const people = [
    ...PERSONAS.filter((p) => p.role !== 'visitor' && p.role !== 'street').map((p) => ({
      communityId: p.communityId ?? cid,
      openid: p.openid,
      name: p.name,
      household: p.household ?? null,
      status: p.verified ? 'verified' : 'unverified',
      roles: grantedRoles(p),
      buildingIds: p.buildings ?? [],
    })),
    ...neighbours().map((n) => ({ communityId: cid, openid: n.openid, name: n.name, household: n.household, status: 'verified', roles: [] as string[], buildingIds: [] as string[] })),
    // The street office is attached to both communities of the street, with no household.
    ...PERSONAS.filter((p) => p.role === 'street').flatMap((p) =>
      [cid, OTHER_COMMUNITY._id].map((communityId) => ({ communityId, openid: p.openid, name: p.name, household: null, status: 'verified', roles: ['street'], buildingIds: [] as string[] })),
    ),
  ]
  await addAll(
    'memberships',
    people.map((m, i) => ({
      _id: membershipId(m.communityId, m.openid),
      communityId: m.communityId,
      openid: m.openid,
      nickname: m.name,
      avatarUrl: null,
      status: m.status,
      roles: m.roles,
      buildingIds: m.buildingIds,
      householdId: m.household,
      buildingId: m.household ? (householdOf.get(m.household)?.buildingId ?? null) : null,
      realName: m.household && m.status === 'verified' ? m.name : null,
      phone: null,
      declineReason: null,
      verifiedAt: m.status === 'verified' ? at(60) : null,
      // The council seed marks those it makes co-sign (platform/roles cosignedIssues).
      cosignedIssues: false,
      consents: false,
      createdAt: at(90 - i),
    })),
  )
  await addAll(
    'users',
    [...PERSONAS, ...neighbours()].map((p) => ({
      _id: p.openid,
      nickname: p.name,
      avatarUrl: null,
      currentCommunityId: 'role' in p ? (p.role === 'visitor' ? null : (p.communityId ?? cid)) : cid,
      createdAt: at(90),
    })),
  )
  await addAll('communities', [
    { ...DEMO_COMMUNITY, createdAt: at(120) },
    { ...OTHER_COMMUNITY, createdAt: at(100) },
  ])

  await addAll(
    'notices',
    seedNotices(now).map((n) => {
      const publishedAt = at(n.daysAgo)
      const publicUntil = n.publicDays ? new Date(publishedAt.getTime() + n.publicDays * DAY) : null
      return {
        _id: `${cid}:notice-${n.key}`,
        communityId: cid,
        title: n.title,
        body: n.body,
        category: n.category,
        status: 'published',
        publishedAt,
        publicUntil,
        publicityOpen: !!publicUntil && publicUntil.getTime() > now.getTime(),
      }
    }),
  )
  await db.collection('notices').add({
    _id: `${OTHER_COMMUNITY._id}:notice-1`,
    communityId: OTHER_COMMUNITY._id,
    title: '海韵社区议事会通知',
    body: '本周六上午在社区活动室召开议事会，讨论停车位规划。',
    category: 'announcement',
    status: 'published',
    publishedAt: at(1),
    publicUntil: null,
    publicityOpen: false,
  })
  documents += 1
  documents += await seedCouncil(app, now)
  documents += await seedDecisions(app, now)
  documents += await seedVolunteer(app, now)
  documents += await seedVolunteers(app, now)
  documents += await seedActivities(app, now)
  // After the seeds that credit points: the shop's entries follow theirs in each ledger.
  documents += await seedMall(app, now)
  documents += await seedAwards(app, now)
  documents += await armSeededAlarms(app, now)
  return { seeded: true, documents }
}

/**
 * The seeds write motions, activities, meetings, shifts, wishes and notices straight to
 * the database, so the alarms their actions would have armed (platform/alarms) are
 * armed here, from what was written (the timers' own queries, unbounded in time).
 */
async function armSeededAlarms(app: CloudBase, now: Date): Promise<number> {
  const db = app.database()
  const _ = db.command
  const dues = new Map<string, Date[]>()
  const due = (communityId: string, ...moments: Array<Date | string | null | undefined>) => {
    const at = moments.filter((m): m is Date | string => !!m).map((m) => new Date(Math.max(new Date(m).getTime(), now.getTime())))
    dues.set(communityId, [...(dues.get(communityId) ?? []), ...at])
  }
  const motions = (await db.collection('motions').where({ status: 'open', closesAt: _.gt(now) }).limit(1000).get()).data as Array<Record<string, any>>
  for (const m of motions) due(m.communityId, m.closesAt, m.announced ? null : m.opensAt)
  const activities = (await db.collection('activities').where({ status: 'published', startAt: _.gt(now) }).limit(1000).get()).data as Array<Record<string, any>>
  for (const a of activities) {
    const [day, soon] = reminderMoments(a.startAt)
    due(a.communityId, a.remindedDay ? null : day, a.remindedSoon ? null : soon, a.offerDue)
  }
  const all = async (collection: string, where: Record<string, unknown>) =>
    (await db.collection(collection).where(where).limit(1000).get()).data as Array<Record<string, any>>
  for (const m of await all('meetings', { status: 'scheduled', reminded: false })) due(m.communityId, meetingReminderDue(m.startAt))
  for (const s of await all('volunteerShifts', { reminded: false })) due(s.communityId, s.remindAt)
  for (const w of await all('wishes', { status: 'claimed' })) due(w.communityId, w.claimDueAt)
  for (const w of await all('wishes', { status: 'open', priority: 0 })) due(w.communityId, waitedUntil(w.openedAt))
  for (const n of await all('notices', { publicityOpen: true })) due(n.communityId, n.publicUntil)
  for (const [communityId, moments] of dues) {
    const unique = [...new Set(moments.map((m) => m.getTime()))].map((t) => new Date(t))
    await db.collection(ALARMS).add({ _id: alarmId(communityId), communityId, dues: unique })
  }
  return dues.size
}

export { DEMO_COMMUNITY, OTHER_COMMUNITY, PERSONAS } from './data'
