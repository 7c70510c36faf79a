/**
 * Seeds the demo community on the first start. It writes through the genuine SDK
 * (as `npm run db:apply` does), before any user exists; everything after that goes
 * through the `api` function.
 */
import type { CloudBase } from '@cloudbase/node-sdk'
import { BUILDINGS, DEMO_COMMUNITY, HOUSEHOLDS, NOTICES, PERSONAS, neighbours } from './data'

const DAY = 86_400_000
/* eslint-disable @typescript-eslint/no-explicit-any */

export async function isSeeded(app: CloudBase): Promise<boolean> {
  const res: any = await app.database().collection('communities').doc(DEMO_COMMUNITY._id).get()
  return (res.data?.length ?? 0) > 0
}

export async function seedDemo(app: CloudBase, now: Date = new Date()): Promise<{ seeded: boolean; documents: number }> {
  if (await isSeeded(app)) return { seeded: false, documents: 0 }
  const db = app.database()
  const cid = DEMO_COMMUNITY._id
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY)
  let documents = 0
  const addAll = async (collection: string, docs: Array<Record<string, unknown>>) => {
    for (let i = 0; i < docs.length; i += 100) {
      await db.collection(collection).add(docs.slice(i, i + 100))
    }
    documents += docs.length
  }

  await addAll(
    'buildings',
    BUILDINGS.map((b) => ({ ...b, communityId: cid })),
  )
  await addAll(
    'households',
    HOUSEHOLDS.map((h) => ({ ...h, communityId: cid })),
  )

  const members = [
    ...PERSONAS.filter((p) => p.role !== 'visitor').map((p) => ({
      openid: p.openid,
      name: p.name,
      household: p.household ?? null,
      status: p.role === 'street' ? 'verified' : p.verified ? 'verified' : 'unverified',
      roles:
        p.role === 'resident' ? [] : p.role === 'admin' ? ['committee', 'admin'] : p.role === 'buildingLead' ? ['buildingLead'] : [p.role],
      buildingIds: p.buildings ?? [],
    })),
    ...neighbours().map((n) => ({ openid: n.openid, name: n.name, household: n.household, status: 'verified', roles: [], buildingIds: [] })),
  ]
  await addAll(
    'users',
    [...PERSONAS, ...neighbours()].map((p) => ({
      _id: p.openid,
      nickname: p.name,
      avatarUrl: null,
      currentCommunityId: 'role' in p && p.role === 'visitor' ? null : cid,
      createdAt: at(90),
    })),
  )
  await addAll(
    'memberships',
    members.map((m, i) => ({
      _id: `${cid}:${m.openid}`,
      communityId: cid,
      openid: m.openid,
      nickname: m.name,
      status: m.status,
      roles: m.roles,
      buildingIds: m.buildingIds,
      householdId: m.household,
      createdAt: at(90 - i),
    })),
  )
  await db.collection('communities').add({ ...DEMO_COMMUNITY, createdAt: at(120) })
  documents += 1

  await addAll(
    'notices',
    NOTICES.map((n) => ({
      _id: `${cid}:notice-${n.key}`,
      communityId: cid,
      title: n.title,
      body: n.body,
      category: n.category,
      status: 'published',
      publishedAt: at(n.daysAgo),
      publicUntil: n.publicDays ? new Date(at(n.daysAgo).getTime() + n.publicDays * DAY) : null,
      publicityOpen: n.publicDays ? at(n.daysAgo).getTime() + n.publicDays * DAY > now.getTime() : false,
    })),
  )
  return { seeded: true, documents }
}

export { DEMO_COMMUNITY, PERSONAS } from './data'
