/**
 * 纸质票: residents who do not vote on the phone vote on paper at the meeting; the
 * committee then records each paper ballot — whose it is (the household or the
 * person, as the motion counts), the option, a photo of the paper — and it counts
 * exactly as an online ballot: it is the same one conditional update of the voter's
 * shard of the motion's ballot box (./motions.ts), adding to the option's count and the
 * voter to the list of who took part, only while the shard is open and does not list
 * that voter (a voter, online or on paper, always falls in the same shard). So a
 * household that voted online cannot vote on paper too, nor the other way round, and
 * two committee members recording the same household at once count it once. A paper
 * ballot is one write: the audit entry after it has an id of its own making, so the
 * retry of a recording whose answer was lost (same voter, same photo) finds its ballot
 * counted and writes the entry it missed, never a second ballot.
 *
 * A secret motion stays secret on paper. The photo shows the option; the recorder knows
 * whom they recorded; so what is stored must not let the photo, the recorder or a time
 * lead to the household:
 * - the household goes only into its shard's list of voters, as a secret motion lists
 *   everyone: a keyed hash, kept sorted (not in voting order), exactly as an online voter;
 * - the photo (with its option) goes into that shard's `paperPhotos`, kept sorted by a
 *   hash of the file id, with no voter, no recorder and no time;
 * - the photo file lies in the recorder's own place in storage (every upload does), so
 *   the path names the recorder: that is why nothing names the household beside the
 *   recorder — the audit entry of a secret paper ballot names the recorder and the
 *   motion only (its id is the photo's hash), and the box counts per recorder, not whom;
 * - which households voted on paper rather than online is stored nowhere.
 * An open (记名) motion keeps each paper ballot whole (whose, which option, photo,
 * recorder, time), as it keeps an online voter's pick.
 *
 * One paper, one ballot, across shards too. Two voters in different shards are two
 * documents, so no condition of one update can see the other; the photo is claimed
 * first instead, by a document whose id comes from the motion and the photo
 * (PhotoClaim, in `ballots` but without a motionId, so no read, seal or tally of the
 * shards ever meets it). It holds only the shard the photo goes to: no voter, no
 * recorder, no time — nothing a secret motion's shard does not show already. A claim
 * for this voter's shard lets the ballot go on (the retry of a recording whose answer
 * was lost; a second voter of the same shard is refused by the update's condition).
 * A claim held by another shard refuses, unless that shard does not hold the photo:
 * the recording there died between its claim and its ballot, or is still on its way.
 * Which of the two cannot be told, so the claim is moved in one transaction that also
 * bars the photo in the shard it leaves (`paperElsewhere`, which every paper ballot's
 * condition checks) and lifts such a bar from the shard it goes to: a recording still
 * on its way to the old shard then finds it barred, or has landed first and the
 * transaction, its snapshot gone stale, sees the photo there and refuses. Online
 * ballots never touch a claim.
 */
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { action } from '../../platform/action'
import { auditRecord } from '../../platform/audit'
import { addOnce, type ScopedDb, type StoredDoc } from '../../platform/db'
import { conflict, forbidden, invalid, notFound, precondition } from '../../platform/errors'
import { memberKeyOf } from '../../platform/files'
import { assertOwnId } from '../../platform/ids'
import { householdLabels, publicNames } from '../../platform/names'
import { maskName } from '../../platform/privacy'
import { residentById, type Membership } from '../../platform/roles'
import { chinaTime, iso } from '../../platform/time'
import { id, ownFileId } from '../../platform/validation'
import type { Household } from '../community/model'
import { ballotKey, boxOf, emptyBox, ineligibility, pushVoter, shardOf, SHARDS, votingState, type BallotBox, type Motion, type PaperBallot } from './motions'

const photoHash = (fileId: string) => createHash('sha256').update(fileId).digest('hex').slice(0, 24)
const paperAuditId = (m: Pick<Motion, '_id'>, fileId: string) => `${m._id}:paper-${photoHash(fileId)}`
export const photoClaimId = (m: Pick<Motion, '_id'>, fileId: string) => `${m._id}:paper-photo-${photoHash(fileId)}`

/** Which shard of the motion's box a paper ballot's photo went to (see the head of this file): nothing else. */
export interface PhotoClaim extends StoredDoc {
  kind: 'paperPhoto'
  box: string
}

const PHOTO_USED = '这张照片已经录入过另一张纸质票，请为每张票单独拍照'
const CLOSED = '表决已截止，不能再录入纸质票'
const holds = (m: Pick<Motion, 'secret'>, box: BallotBox, fileId: string) => (m.secret ? (box.paperPhotos ?? []) : (box.paper ?? [])).some((p) => p.f === fileId)

/**
 * Claims the photo for the shard `boxId` before its ballot is written there, or throws
 * why not. Moving a claim whose shard lacks the photo writes both shards and the claim
 * in one transaction; a sealed shard is refused before anything is written, so on a
 * closed motion a claim changes nothing.
 */
async function claimPhoto(db: ScopedDb, m: Motion, boxId: string, fileId: string, h: string): Promise<void> {
  const claims = db.collection<PhotoClaim>('ballots')
  const claimId = photoClaimId(m, fileId)
  if ((await addOnce(claims, { _id: claimId, kind: 'paperPhoto', box: boxId })) === 'added') return
  const held = await claims.get(claimId)
  if (held?.box === boxId) return
  await db.transaction(async (tx) => {
    const claim = await tx.get<PhotoClaim>('ballots', claimId)
    if (!claim) throw conflict('录入没有成功，请再试一次')
    if (claim.box === boxId) return
    const [from, to] = await Promise.all([tx.get<BallotBox>('ballots', claim.box), tx.get<BallotBox>('ballots', boxId)])
    // A shard that was never made cannot be barred: leave the photo where it was claimed.
    if (!from || holds(m, from, fileId)) throw conflict(PHOTO_USED)
    if (!from.open || (to && !to.open)) throw precondition(CLOSED)
    await tx.update('ballots', from._id, { paperElsewhere: tx._.addToSet(h) })
    if (to?.paperElsewhere?.includes(h)) await tx.update('ballots', to._id, { paperElsewhere: tx._.pull(h) })
    await tx.update('ballots', claimId, { box: boxId })
  })
}

interface Voter {
  key: string
  /** how the list shows it: the household's label, or a masked name and household */
  label: string
}

/** Whose the paper ballot is, as the motion counts, once they may vote on it; throws saying why not. */
async function paperVoter(db: ScopedDb, m: Motion, input: { householdId?: string; memberId?: string }): Promise<Voter> {
  if (m.unit === 'household') {
    if (!input.householdId) throw invalid('这次表决每户一票，请选择住户')
    assertOwnId(db, input.householdId, '没有这户')
    const h = await db.collection<Household>('households').get(input.householdId)
    if (!h) throw notFound('没有这户')
    if (m.buildingIds && !m.buildingIds.includes(h.buildingId)) throw forbidden(`这次表决只限${m.buildingNames.join('、')}住户参加`)
    return { key: `hh:${h._id}`, label: h.label }
  }
  if (!input.memberId) throw invalid('这次表决每人一票，请选择居民')
  assertOwnId(db, input.memberId, '没有这位居民')
  const who = await residentById(db, input.memberId)
  if (who.status !== 'verified') throw forbidden('这位居民还没有认证，不能参加表决')
  const refusal = ineligibility(m, who)
  if (refusal) throw forbidden(refusal)
  const labels = await householdLabels(db, [who.householdId])
  return { key: `m:${who._id}`, label: `${maskName(who.nickname)} ${labels.get(who.householdId ?? '') ?? ''}`.trim() }
}

export const recordPaperBallot = action({
  name: 'council.paper.record',
  summary: '录入一张纸质票（议事会现场投的）：选住户（或居民）、选项，附纸质票照片；与网上投票同样每户（每人）只计一票，已在网上投过的不能再录；不记名表决不保存哪户投了什么（居委会；写入审计日志）',
  roles: ['committee', 'admin'],
  input: z.strictObject({ motionId: id, householdId: id.optional(), memberId: id.optional(), option: z.number().int().min(0).max(9), photo: ownFileId }),
  async run(ctx) {
    const { db, input, member, clock, storage } = ctx
    assertOwnId(db, input.motionId, '表决不存在')
    const now = clock.now()
    const m = await db.collection<Motion>('motions').require(input.motionId, '表决不存在')
    const state = votingState(m, now)
    if (state === 'upcoming') throw precondition(`表决还没开始，${chinaTime(m.opensAt)}后才能录入纸质票`)
    if (state === 'closed') throw precondition(CLOSED)
    if (input.option >= m.options.length) throw invalid('没有这个选项')
    const voter = await paperVoter(db, m, input)
    if (!(await storage.downloadUrls([input.photo])).has(input.photo)) throw invalid('纸质票照片没有上传成功，请重新拍照')
    const me = member.membership._id
    const recorder = memberKeyOf(db.communityId, me)!
    const _ = db._
    // In the boxes a voter is their ballot key (for a secret motion a hash); the audit entry of an open one names them as they are.
    const key = ballotKey(m, voter.key)
    const h = photoHash(input.photo)
    const ballot: Record<string, unknown> = { [`counts.${input.option}`]: _.inc(1), voters: pushVoter(db, m, key), paperCount: _.inc(1), [`paperBy.${recorder}`]: _.inc(1) }
    if (m.secret) {
      ballot.paperPhotos = _.push({ each: [{ h, f: input.photo, o: input.option }], sort: { h: 1 } })
    } else {
      ballot.paper = _.push([{ v: key, o: input.option, f: input.photo, by: me, at: now } satisfies PaperBallot])
      ballot.picks = _.push([{ v: key, o: input.option, at: now }])
    }
    const boxes = db.collection<BallotBox>('ballots')
    const boxId = boxOf(m, key)
    const photos = m.secret ? 'paperPhotos' : 'paper'
    await claimPhoto(db, m, boxId, input.photo, h)
    // In this shard the condition refuses a photo already there, or barred because its claim moved to another shard.
    const unused = { [`${photos}.f`]: _.neq(input.photo), paperElsewhere: _.neq(h) }
    let done = false
    for (let attempt = 0; attempt < 3 && !done; attempt++) {
      if (await boxes.update(boxId, ballot, { open: true, voters: _.neq(key), ...unused })) {
        done = true
        break
      }
      const [box] = await boxes.find({ _id: boxId }, { limit: 1, fields: { open: true, paper: true, paperPhotos: true, paperElsewhere: true } })
      if (!box) {
        await addOnce(boxes, emptyBox(m, shardOf(key)))
        continue
      }
      const listed = (await boxes.count({ _id: boxId, voters: key })) > 0
      const photoUsed = holds(m, box, input.photo)
      // This very ballot, counted by a call whose answer was lost: finish what it left (the audit entry) and answer the same.
      const again = listed && photoUsed && (m.secret || (box.paper ?? []).some((p) => p.f === input.photo && p.v === key))
      if (again) done = true
      else if (listed) throw conflict(`${voter.label} 已经投过票了（网上或纸质），${m.unit === 'household' ? '每户' : '每人'}只计一票`)
      else if (photoUsed || box.paperElsewhere?.includes(h)) throw conflict(PHOTO_USED)
      else if (!box.open) throw precondition(CLOSED)
    }
    if (!done) throw conflict('录入没有成功，请再试一次')
    // The audit entry of a secret ballot names the recorder and the motion, never the household or the option.
    const after = m.secret ? { paper: true, secret: true } : { paper: true, voter: voter.key, label: voter.label, option: m.options[input.option], photo: input.photo }
    await addOnce(db.collection('auditLog'), { _id: paperAuditId(m, input.photo), ...auditRecord(me, ctx.requestId, now, { action: 'council.paper.record', target: { collection: 'motions', id: m._id }, after }) })
    return { motionId: m._id, recorded: true as const, secret: m.secret }
  },
})

export const listPaperBallots = action({
  name: 'council.paper.list',
  summary: '已录入的纸质票：记名表决逐张列出住户（居民打码）、选项、照片、录入人和时间；不记名表决只有张数和各录入人的张数（居委会）',
  roles: ['committee', 'admin'],
  input: z.strictObject({ motionId: id }),
  async run({ db, input, storage }) {
    assertOwnId(db, input.motionId, '表决不存在')
    const m = await db.collection<Motion>('motions').require(input.motionId, '表决不存在')
    const shards = await db.collection<BallotBox>('ballots').find({ motionId: m._id }, { limit: SHARDS, fields: { paperCount: true, paperBy: true, paper: true } })
    const recorded = new Map<string, number>()
    for (const box of shards) for (const [key, count] of Object.entries(box.paperBy ?? {})) recorded.set(key, (recorded.get(key) ?? 0) + count)
    const byRecorder = [...recorded].map(([key, count]) => ({ memberId: `${db.communityId}:${key}`, count }))
    const paper = m.secret ? [] : shards.flatMap((box) => box.paper ?? []).sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime())
    const paperCount = shards.reduce((sum, box) => sum + (box.paperCount ?? 0), 0)
    const nameOf = await publicNames(db, [...byRecorder.map((r) => r.memberId), ...paper.map((p) => p.by), ...paper.filter((p) => p.v.startsWith('m:')).map((p) => p.v.slice(2))])
    const members = paper.filter((p) => p.v.startsWith('m:')).map((p) => p.v.slice(2))
    const homes = members.length ? await db.collection<Membership>('memberships').find({ _id: db._.in(members) }, { limit: members.length, fields: { householdId: true } }) : []
    const homeOf = new Map(homes.map((h) => [h._id, h.householdId ?? null]))
    const labels = await householdLabels(db, [...paper.filter((p) => p.v.startsWith('hh:')).map((p) => p.v.slice(3)), ...homes.map((h) => h.householdId)])
    const urls = await storage.downloadUrls(paper.map((p) => p.f))
    const whose = (v: string) => (v.startsWith('hh:') ? (labels.get(v.slice(3)) ?? '') : `${nameOf(v.slice(2))} ${labels.get(homeOf.get(v.slice(2)) ?? '') ?? ''}`.trim())
    return {
      secret: m.secret,
      count: paperCount,
      byRecorder: byRecorder.map((r) => ({ name: nameOf(r.memberId), count: r.count })),
      /** open (记名) motions only; a secret motion's paper ballots are a count */
      items: m.secret
        ? null
        : paper
            .slice()
            .reverse()
            .map((p) => ({ voter: whose(p.v), option: m.options[p.o] ?? '', photoUrl: urls.get(p.f) ?? null, recordedBy: nameOf(p.by), at: iso(p.at)! })),
    }
  },
})

export const paperVoters = action({
  name: 'council.paper.voters',
  summary: '录入纸质票时选人：一栋楼的住户（每户一票的表决）或已认证居民（每人一票，昵称打码），不显示谁已投票（居委会）',
  roles: ['committee', 'admin'],
  input: z.strictObject({ motionId: id, buildingId: id }),
  async run({ db, input }) {
    assertOwnId(db, input.motionId, '表决不存在')
    assertOwnId(db, input.buildingId, '没有这栋楼')
    const m = await db.collection<Motion>('motions').require(input.motionId, '表决不存在')
    if (m.buildingIds && !m.buildingIds.includes(input.buildingId)) return { unit: m.unit, items: [], whyEmpty: `这次表决只限${m.buildingNames.join('、')}住户参加` }
    if (m.unit === 'household') {
      const rows = await db.collection<Household>('households').find({ buildingId: input.buildingId }, { limit: 1000, orderBy: [['_id', 'asc']], fields: { label: true, unit: true, room: true } })
      return { unit: m.unit, items: rows.map((h) => ({ householdId: h._id, memberId: null, label: h.label, name: null })), whyEmpty: rows.length ? null : '这栋楼还没有登记房号' }
    }
    const rows = await db.collection<Membership>('memberships').find({ buildingId: input.buildingId, status: 'verified', roles: db._.nin(['street']) }, { limit: 1000, fields: { nickname: true, householdId: true } })
    const labels = await householdLabels(db, rows.map((r) => r.householdId))
    const items = rows
      .map((r) => ({ householdId: r.householdId ?? null, memberId: r._id, label: labels.get(r.householdId ?? '') ?? '', name: maskName(r.nickname) }))
      .sort((a, b) => a.label.localeCompare(b.label, 'zh'))
    return { unit: m.unit, items, whyEmpty: items.length ? null : '这栋楼还没有已认证的居民' }
  },
})
