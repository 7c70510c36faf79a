/**
 * 表决 and 决议: the committee puts a decision to the vote; eligible residents vote
 * once (per person or per household); at the closing time — by the committee's
 * hand or the frequent timer — the ballots are tallied exactly as the motion was
 * configured and the outcome is published as a decision with its 公示 notice.
 *
 * Each motion's ballot box is split in SHARDS documents (`${motionId}:box:${shard}`), as
 * 最美邻里's daily boxes are: a voter always falls in the same shard (a hash of their
 * key), so the one conditional update of a ballot finds everything its gate checks in
 * one document — while the shard is open and does not list the voter, add one to the
 * chosen option and the voter to the list. The database applies it to one document at
 * once, so a resident (or a household) counts once however many ballots race, and a
 * ballot either counts whole or not at all; ballots of different shards no longer wait
 * on one document, and no document carries the whole electorate. The tally is the sum
 * of the shards. One ballot, three round trips: the router's membership read, the
 * motion, the voter's shard.
 *
 * A secret ballot leaves no document of its own, so nothing stored — not an order, an
 * id, a time or a batch — pairs a voter with a choice, for anyone, the committee or
 * whoever reads the database included. A shard's counts are a small group's: were its
 * list to name its voters, a shard of one voter (or one whose voters all chose alike)
 * would show how they voted. So a secret motion's shards list no one by name: the voter
 * is a keyed hash of the motion and the household or person (`ballotKey`, the key held
 * by the function, never stored), which the function can recompute to check one
 * ballot per voter and answer "have I voted", and a reader of the database cannot
 * turn back into a household; the shard follows from that hash. (Someone watching the
 * boxes change ballot by ballot would see it; that is watching the voting, not reading
 * what it stored.) For an open (记名) ballot the shard lists the voter as they are and
 * keeps each voter's pick and its time, so the voter sees their own choice. Who took
 * part is never listed to anyone, in either mode: turnout is a number.
 *
 * Closing seals every shard before counting: a ballot that arrives after is refused, so
 * the decision counts exactly the ballots that were accepted.
 */
import { createHash, createHmac } from 'node:crypto'
import { z } from 'zod'
import { action, timer } from '../../platform/action'
import { armAlarm } from '../../platform/alarms'
import { auditWriter, type AuditFn } from '../../platform/audit'
import { checkinSecret } from '../../platform/checkin'
import { addOnce, type ScopedDb, type StoredDoc } from '../../platform/db'
import { conflict, forbidden, invalid, notFound, precondition } from '../../platform/errors'
import { notify } from '../../platform/notify'
import { assertOwnId, newId } from '../../platform/ids'
import { pageLink } from '../../platform/links'
import { findPage } from '../../platform/paging'
import type { Membership } from '../../platform/roles'
import type { Services } from '../../platform/services'
import { chinaTime, iso } from '../../platform/time'
import { cursor, id, limit, text } from '../../platform/validation'
import type { Building } from '../community'
import { publishNotice } from '../notice'
import { issueIdOf, type Issue, type Topic } from './model'
import { PASS_RULE_LABELS, PASS_RULES, tallyMotion, YES_NO, type PassRule, type Tally } from './rules'
import { noteOnIssue } from './timeline'

const DAY = 86_400_000
const when = z.iso.datetime({ offset: true, message: '时间格式不对' })
const motionLink = (motionId: string) => pageLink('motion', { id: motionId })

export interface Motion extends StoredDoc {
  title: string
  description: string
  topicId: string | null
  kind: 'yesNo' | 'choice'
  options: string[]
  /** one ballot per verified resident, or per household */
  unit: 'person' | 'household'
  /** only households of these buildings may vote; null for the whole community */
  buildingIds: string[] | null
  buildingNames: string[]
  rule: PassRule
  quorumPercent: number
  secret: boolean
  /** counts are shown to nobody, the committee included, before the motion closes */
  hideResults: boolean
  opensAt: Date
  closesAt: Date
  status: 'open' | 'closed'
  /** eligible voters were told it opened (at creation or by the frequent timer) */
  announced: boolean
  closedAt: Date | null
  closedBy: 'committee' | 'timer' | null
  result: Tally | null
  counts: number[] | null
  decisionId: string | null
  createdAt: Date
}

export interface Decision extends StoredDoc {
  motionId: string
  topicId: string | null
  title: string
  outcome: Tally['outcome']
  summary: string
  chosen: string | null
  options: string[]
  counts: number[]
  cast: number
  eligible: number
  rule: PassRule
  noticeId: string
  publishedAt: Date
}

/** An open (记名) ballot's choice, kept so the voter sees it: who (the voter key), which option, when. */
interface OpenPick {
  v: string
  o: number
  at: Date
}

export interface BallotBox extends StoredDoc {
  kind: 'box'
  motionId: string
  /** which of the motion's SHARDS: the voters whose key hashes to it */
  shard: number
  /** false once the close has sealed it: no ballot lands after, so the count is final */
  open: boolean
  /** ballots per option */
  counts: number[]
  /** who took part (ballot keys): in the order they voted, or for a secret ballot kept sorted, so no position tells when */
  voters: string[]
  /** open (记名) ballots only */
  picks: OpenPick[]
  /** ballots cast on paper at a meeting and recorded by the committee (./paper.ts); absent on boxes made before */
  paperCount?: number
  /** paper ballots recorded per recorder (by member key): a count, never whom */
  paperBy?: Record<string, number>
  /** open (记名) motions: each paper ballot, whose and by whom */
  paper?: PaperBallot[]
  /** secret motions: the photos of the papers, each with the option it shows, sorted by a hash of the file id */
  paperPhotos?: PaperPhoto[]
  /** hashes of photos whose claim moved to another shard (./paper.ts): a paper ballot with one of them is refused here */
  paperElsewhere?: string[]
}

export interface PaperBallot {
  v: string
  o: number
  f: string
  by: string
  at: Date
}

export interface PaperPhoto {
  h: string
  f: string
  o: number
}

export const SHARDS = 16

export const decisionIdOf = (motionId: string) => `${motionId}:decision`
export const ballotBoxId = (motionId: string, shard: number) => `${motionId}:box:${shard}`
export const shardOf = (key: string) => parseInt(createHash('sha256').update(key).digest('hex').slice(0, 4), 16) % SHARDS
/** The shard a ballot key's ballot goes in. */
export const boxOf = (m: Pick<Motion, '_id'>, key: string) => ballotBoxId(m._id, shardOf(key))

/**
 * How a voter (their `voterKey`) is listed in the motion's boxes: as they are for an
 * open (记名) motion; for a secret one a keyed hash of motion and voter, so the shard
 * they fall in and the list that names them say nothing to a reader of the database
 * (see the head of this file). The key is the function's signing secret (CHECKIN_SECRET),
 * domain-separated: it must not change while a secret motion is open, or a voter could
 * vote again under a new hash.
 */
export function ballotKey(m: Pick<Motion, '_id' | 'secret'>, key: string): string {
  if (!m.secret) return key
  return `s:${createHmac('sha256', checkinSecret()).update(`ballot.v1\n${m._id}\n${key}`).digest('base64url').slice(0, 22)}`
}

export const emptyBox = (m: Pick<Motion, '_id' | 'options'>, shard: number, open = true): Omit<BallotBox, 'communityId'> => ({
  _id: ballotBoxId(m._id, shard),
  kind: 'box',
  motionId: m._id,
  shard,
  open,
  counts: m.options.map(() => 0),
  voters: [],
  picks: [],
})

/** Every shard of a motion's box, as made with the motion. */
export const emptyBoxes = (m: Pick<Motion, '_id' | 'options'>, open = true) => Array.from({ length: SHARDS }, (_, shard) => emptyBox(m, shard, open))

/** Which of these motions the member (or their household, as each counts) has voted on: only their shards' lists are read. */
export async function votedIn(db: ScopedDb, motions: Array<Pick<Motion, '_id' | 'unit' | 'secret'>>, me: Pick<Membership, '_id' | 'householdId'>): Promise<string[]> {
  const mine = motions.flatMap((m) => {
    const key = ballotKeyOf(m, me)
    return key ? [{ id: boxOf(m, key), key }] : []
  })
  if (mine.length === 0) return []
  const found = await db.collection<BallotBox>('ballots').find({ _id: db._.in(mine.map((b) => b.id)), voters: db._.in(mine.map((b) => b.key)) }, { fields: { motionId: true }, limit: mine.length })
  return found.map((b) => b.motionId)
}

/** Who a ballot counts for: the household or the person, as the motion counts. */
export function voterKey(motion: Pick<Motion, 'unit'>, m: Pick<Membership, '_id' | 'householdId'>): string | null {
  if (motion.unit === 'household') return m.householdId ? `hh:${m.householdId}` : null
  return `m:${m._id}`
}

/** The member's ballot key on the motion, or null when they have none (a per-household motion, no household). */
export function ballotKeyOf(m: Pick<Motion, '_id' | 'unit' | 'secret'>, me: Pick<Membership, '_id' | 'householdId'>): string | null {
  const key = voterKey(m, me)
  return key ? ballotKey(m, key) : null
}

/** Why this member may not vote on the motion, or null when they may. */
export function ineligibility(motion: Pick<Motion, 'unit' | 'buildingIds' | 'buildingNames'>, m: Pick<Membership, 'status' | 'householdId' | 'buildingId'>): string | null {
  if (m.status !== 'verified') return '表决只限已认证的居民参加'
  if (motion.unit === 'household' && !m.householdId) return '这次表决每户一票，请先登记住户'
  if (motion.buildingIds && !(m.buildingId && motion.buildingIds.includes(m.buildingId))) return `这次表决只限${motion.buildingNames.join('、')}住户参加`
  return null
}

export function votingState(motion: Pick<Motion, 'status' | 'opensAt' | 'closesAt'>, now: Date): 'upcoming' | 'open' | 'closed' {
  if (motion.status === 'closed' || now.getTime() >= new Date(motion.closesAt).getTime()) return 'closed'
  return now.getTime() < new Date(motion.opensAt).getTime() ? 'upcoming' : 'open'
}

const resultsVisible = (motion: Motion, now: Date) => !motion.hideResults || votingState(motion, now) === 'closed'

/**
 * The motion's counts (the sum of its shards) and, for the ballot key `key`, whether
 * that voter took part and (记名) what they chose — read with the shards' lists left
 * out, which grow with every ballot.
 */
export async function readBox(db: ScopedDb, m: Pick<Motion, '_id' | 'options'>, key: string | null) {
  const boxes = db.collection<BallotBox>('ballots')
  const mine = key ? boxOf(m, key) : null
  const [shards, [own], voted] = await Promise.all([
    boxes.find({ motionId: m._id }, { fields: { counts: true }, limit: SHARDS }),
    key ? boxes.find({ _id: mine }, { fields: { picks: db._.project.elemMatch({ v: key }) }, limit: 1 }) : [],
    key ? boxes.count({ _id: mine, voters: key }) : 0,
  ])
  const counts = m.options.map((_, i) => shards.reduce((sum, box) => sum + (box.counts?.[i] ?? 0), 0))
  const pick = own?.picks?.[0]
  return { counts, cast: counts.reduce((a, b) => a + b, 0), voted: voted > 0, choice: pick ? pick.o : null }
}

/**
 * Seals every shard (making sealed those never made) and returns the final counts. A
 * shard a ballot makes while this runs is found open below and sealed, or made here
 * sealed first (then the ballot finds it shut).
 */
async function sealBox(db: ScopedDb, m: Pick<Motion, '_id' | 'options'>): Promise<number[]> {
  const boxes = db.collection<BallotBox>('ballots')
  await boxes.updateWhere({ motionId: m._id }, { open: false })
  const found = new Map((await boxes.find({ motionId: m._id }, { fields: { open: true }, limit: SHARDS })).map((b) => [b._id, b.open]))
  for (let shard = 0; shard < SHARDS; shard++) {
    const id = ballotBoxId(m._id, shard)
    if (found.get(id) === false) continue
    if (!found.has(id) && (await addOnce(boxes, emptyBox(m, shard, false))) === 'added') continue
    await boxes.update(id, { open: false })
  }
  return (await readBox(db, m, null)).counts
}

const buildingScope = (db: ScopedDb, motion: Pick<Motion, 'buildingIds'>) => (motion.buildingIds ? { buildingId: db._.in(motion.buildingIds) } : {})

/**
 * Those who may vote, as a query: verified members (of the motion's buildings),
 * never a 街道 account — it is verified to read the community, and counting it
 * would lower turnout and shift quorum and 双过半 for everyone else.
 */
const voters = (db: ScopedDb, motion: Pick<Motion, 'buildingIds'>) => ({ ...buildingScope(db, motion), status: 'verified', roles: db._.nin(['street']) })

/**
 * How many may vote: the voters above, or for a per-household motion every
 * household there — 双过半 counts a household whether anyone of it uses the app or not.
 */
function eligibleCount(db: ScopedDb, motion: Pick<Motion, 'unit' | 'buildingIds'>): Promise<number> {
  return motion.unit === 'household' ? db.collection('households').count(buildingScope(db, motion)) : db.collection('memberships').count(voters(db, motion))
}

/** The members who may vote, to tell them. */
async function eligibleMembers(db: ScopedDb, motion: Pick<Motion, 'buildingIds'>): Promise<string[]> {
  const members = await db.collection<Membership>('memberships').find(voters(db, motion), { limit: 1000, fields: { status: true } })
  return members.map((m) => m._id)
}

function motionCard(m: Motion, now: Date) {
  return {
    id: m._id,
    title: m.title,
    kind: m.kind,
    unit: m.unit,
    rule: m.rule,
    ruleLabel: PASS_RULE_LABELS[m.rule],
    secret: m.secret,
    opensAt: iso(m.opensAt)!,
    closesAt: iso(m.closesAt)!,
    state: votingState(m, now),
    outcome: m.result?.outcome ?? null,
  }
}

const announceBody = (m: Motion) => `「${m.title}」投票已开始，${chinaTime(m.closesAt)}截止${m.unit === 'household' ? '（每户一票）' : ''}`

/** Tells every eligible voter the motion opened (once per motion and person: the message is keyed). */
async function announce(services: Pick<Services, 'wechat' | 'clock' | 'log'>, db: ScopedDb, m: Motion) {
  await notify(services, db, await eligibleMembers(db, m), {
    kind: 'motion.open',
    title: '表决开始',
    body: announceBody(m),
    link: motionLink(m._id),
    template: 'voteOpen',
    key: `motion-open-${m._id}`,
  })
}

export const createMotion = action({
  name: 'council.motion.create',
  summary: '发起表决：标题、说明、选项（赞成/反对/弃权或 2–10 个选项）、每人一票或每户一票、可限定楼栋、通过规则（过半数 / 三分之二以上 / 双过半）与法定参与率、记名或不记名、是否截止前隐藏结果、开始和截止时间；开始时通知有权投票的居民（居委会；写入审计日志）',
  roles: ['committee', 'admin'],
  input: z
    .strictObject({
      title: text(40, 4),
      description: text(2000, 10),
      topicId: id.optional(),
      options: z.array(text(20)).min(2).max(10).optional(),
      unit: z.enum(['person', 'household']).default('person'),
      buildingIds: z.array(id).min(1).max(50).optional(),
      rule: z.enum(PASS_RULES).default('simple'),
      quorumPercent: z.number().int().min(0).max(100).default(0),
      secret: z.boolean().default(true),
      hideResults: z.boolean().default(true),
      opensAt: when.optional(),
      closesAt: when,
    })
    .refine((v) => !v.options || new Set(v.options).size === v.options.length, { message: '选项不能重复', path: ['options'] }),
  async run(ctx) {
    const { db, input, clock } = ctx
    const now = clock.now()
    const opensAt = input.opensAt ? new Date(input.opensAt) : now
    const closesAt = new Date(input.closesAt)
    if (opensAt.getTime() < now.getTime() - 60_000) throw invalid('开始时间不能早于现在')
    if (closesAt.getTime() <= opensAt.getTime()) throw invalid('截止时间须晚于开始时间')
    if (closesAt.getTime() - opensAt.getTime() > 60 * DAY) throw invalid('一次表决最长 60 天')
    if (input.topicId) assertOwnId(db, input.topicId, '所选议题不存在')
    for (const b of input.buildingIds ?? []) assertOwnId(db, b, '所选楼栋不存在')
    if (input.topicId && !(await db.collection('topics').get(input.topicId))) throw notFound('所选议题不存在')
    let buildingNames: string[] = []
    if (input.buildingIds) {
      const found = await db.collection<Building>('buildings').find({ _id: db._.in(input.buildingIds) }, { limit: input.buildingIds.length })
      if (found.length !== new Set(input.buildingIds).size) throw notFound('所选楼栋不存在')
      buildingNames = found.map((b) => b.name)
    }
    const motion: Motion = {
      _id: newId(db, 'motion', now),
      communityId: db.communityId,
      title: input.title,
      description: input.description,
      topicId: input.topicId ?? null,
      kind: input.options ? 'choice' : 'yesNo',
      options: input.options ?? [...YES_NO],
      unit: input.unit,
      buildingIds: input.buildingIds ? [...new Set(input.buildingIds)] : null,
      buildingNames,
      rule: input.rule,
      quorumPercent: input.quorumPercent,
      secret: input.secret,
      hideResults: input.hideResults,
      opensAt,
      closesAt,
      status: 'open',
      announced: opensAt.getTime() <= now.getTime(),
      closedAt: null,
      closedBy: null,
      result: null,
      counts: null,
      decisionId: null,
      createdAt: now,
    }
    const { communityId: _scoped, ...fields } = motion
    await armAlarm(db, [motion.announced ? null : opensAt, closesAt], now)
    await db.collection<Motion>('motions').add(fields)
    // Made with the motion, all at once; should this step be lost, the first ballot of a shard makes it.
    await addOnce(db.collection<BallotBox>('ballots'), emptyBoxes(motion))
    if (motion.topicId) {
      await noteOnIssue(db, issueIdOf(motion.topicId), { kind: 'voting', at: now, by: '居委会', note: `「${motion.title}」付诸表决，${chinaTime(closesAt)} 截止`, link: { page: 'motion', id: motion._id } })
    }
    await ctx.audit({ action: 'council.motion.create', target: { collection: 'motions', id: motion._id }, after: { title: motion.title, options: motion.options, unit: motion.unit, buildingIds: motion.buildingIds, rule: motion.rule, quorumPercent: motion.quorumPercent, secret: motion.secret, hideResults: motion.hideResults, opensAt, closesAt } })
    if (motion.announced) await announce(ctx, db, motion)
    return { motionId: motion._id, state: votingState(motion, now) }
  },
})

/**
 * A tab of the list. A motion past its closing time is over (votingState) though the
 * frequent timer may not have closed it yet: it leaves 进行中 at closesAt and heads
 * 已结束 until the timer closes it. (Not closesAt alone for 已结束: a motion closed
 * while the local clock was ahead keeps that closing time after the clock is reset.)
 */
async function listedMotions(db: ScopedDb, input: { status: 'open' | 'closed'; limit: number; cursor?: number }, now: Date) {
  const motions = db.collection<Motion>('motions')
  if (input.status === 'open') return findPage(motions, { status: 'open', closesAt: db._.gt(now) }, [['closesAt', 'asc']], input)
  const [overdue, closed] = await Promise.all([
    input.cursor ? [] : motions.find({ status: 'open', closesAt: db._.lte(now) }, { orderBy: [['closesAt', 'desc']], limit: input.limit }),
    findPage(motions, { status: 'closed' }, [['closesAt', 'desc']], input),
  ])
  const first = new Set(overdue.map((m) => m._id))
  return { page: [...overdue, ...closed.page.filter((m) => !first.has(m._id))], nextCursor: closed.nextCursor }
}

export const listMotions = action({
  name: 'council.motion.list',
  summary: '表决列表：进行中或已结束的表决，含我能否投票、是否已投',
  roles: ['resident', 'street'],
  input: z.strictObject({ status: z.enum(['open', 'closed']).default('open'), limit: limit(50, 20), cursor }),
  async run({ db, input, member, clock }) {
    const now = clock.now()
    const { page, nextCursor } = await listedMotions(db, input, now)
    const voted = new Set(await votedIn(db, page, member.membership))
    const street = member.roles.has('street')
    return {
      items: page.map((m) => ({ ...motionCard(m, now), votedByMe: voted.has(m._id), canVote: !street && votingState(m, now) === 'open' && !voted.has(m._id) && !ineligibility(m, member.membership) })),
      nextCursor,
    }
  },
})

export const getMotion = action({
  name: 'council.motion.get',
  summary: '表决详情：说明、选项、规则、参与人数；我能否投票、是否已投（记名表决可看到自己的选择）；规则允许时显示各选项票数，结束后显示决议',
  roles: ['resident', 'street'],
  input: z.strictObject({ motionId: id }),
  async run({ db, input, member, clock }) {
    assertOwnId(db, input.motionId, '表决不存在')
    const now = clock.now()
    const m = await db.collection<Motion>('motions').require(input.motionId, '表决不存在')
    const [box, eligible, topic] = await Promise.all([
      readBox(db, m, ballotKeyOf(m, member.membership)),
      m.result ? m.result.eligible : eligibleCount(db, m),
      m.topicId ? db.collection<Topic>('topics').get(m.topicId) : null,
    ])
    const mine = box.voted
    const counts = m.counts ?? (resultsVisible(m, now) ? box.counts : null)
    const refusal = member.roles.has('street') ? '街道账号不参加表决' : ineligibility(m, member.membership)
    const state = votingState(m, now)
    return {
      ...motionCard(m, now),
      description: m.description,
      options: m.options,
      quorumPercent: m.quorumPercent,
      hideResults: m.hideResults,
      buildingNames: m.buildingNames,
      topic: topic ? { id: topic._id, title: topic.title } : null,
      eligible,
      cast: m.result ? m.result.cast : box.cast,
      counts,
      canVote: state === 'open' && !refusal && !mine,
      whyNot: mine ? (m.unit === 'household' ? '你家已经投过票了' : '你已经投过票了') : state !== 'open' ? (state === 'upcoming' ? '表决还没开始' : '表决已结束') : refusal,
      votedByMe: !!mine,
      /** open ballots only: what this voter (or their household) chose */
      myChoice: box.choice === null ? null : m.options[box.choice],
      result: m.result ? { outcome: m.result.outcome, summary: m.result.summary, chosen: m.result.chosen, turnoutPercent: m.result.turnoutPercent, quorumMet: m.result.quorumMet } : null,
      decisionId: m.decisionId,
      closedAt: iso(m.closedAt),
    }
  },
})

export const vote = action({
  name: 'council.motion.vote',
  summary: '投票：在表决开放期间选择一个选项；每人（或每户）只计一票，重复投票会被拒绝；不记名表决不保存谁投了什么（已认证居民）',
  roles: ['verified'],
  input: z.strictObject({ motionId: id, option: z.number().int().min(0).max(9) }),
  async run({ db, input, member, clock }) {
    assertOwnId(db, input.motionId, '表决不存在')
    const now = clock.now()
    const m = await db.collection<Motion>('motions').require(input.motionId, '表决不存在')
    const state = votingState(m, now)
    if (state === 'upcoming') throw precondition(`表决还没开始，${chinaTime(m.opensAt)}开始投票`)
    if (state === 'closed') throw precondition('表决已截止，不能再投票')
    if (input.option >= m.options.length) throw invalid('没有这个选项')
    const refusal = ineligibility(m, member.membership)
    if (refusal) throw forbidden(refusal)
    const key = ballotKey(m, voterKey(m, member.membership)!)
    await castBallot(db, m, key, input.option, m.secret ? null : { v: key, o: input.option, at: now })
    return { motionId: m._id, voted: true as const, secret: m.secret }
  },
})

/** A secret ballot's voter goes in at its sorted place, so the list's order says nothing of who voted when (./paper.ts). */
export const pushVoter = (db: ScopedDb, m: Pick<Motion, 'secret'>, key: string) => (m.secret ? db._.push({ each: [key], sort: 1 }) : db._.push([key]))

/** One ballot into the voter's shard: counted once per voter, only while the box is open, or refused saying why. */
async function castBallot(db: ScopedDb, m: Motion, key: string, option: number, pick: OpenPick | null) {
  const _ = db._
  const boxes = db.collection<BallotBox>('ballots')
  const id = boxOf(m, key)
  const ballot: Record<string, unknown> = { [`counts.${option}`]: _.inc(1), voters: pushVoter(db, m, key) }
  if (pick) ballot.picks = _.push([pick])
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await boxes.update(id, ballot, { open: true, voters: _.neq(key) })) return
    const [[box], voted] = await Promise.all([boxes.find({ _id: id }, { fields: { open: true }, limit: 1 }), boxes.count({ _id: id, voters: key })])
    if (voted) throw conflict(m.unit === 'household' ? '你家已经投过票了，每户只计一票' : '你已经投过票了，每人只计一票')
    if (box && !box.open) throw precondition('表决已截止，不能再投票')
    if (!box) await addOnce(boxes, emptyBox(m, shardOf(key)))
  }
  throw conflict('投票没有成功，请再试一次')
}

/**
 * Closes a motion once (the conditional status change decides who closes it),
 * tallies it, and publishes the decision with its 公示 notice. Returns null when
 * someone else closed it first.
 */
/** How long after a close's claim a missing decision counts as interrupted. */
const RECOVER_MS = 60_000
const BATCH = 50

export async function closeMotion(services: Pick<Services, 'wechat' | 'clock' | 'log'>, db: ScopedDb, m: Motion, by: 'committee' | 'timer', audit: AuditFn) {
  const now = services.clock.now()
  const closesAt = new Date(Math.min(new Date(m.closesAt).getTime(), now.getTime()))
  // Should the decision not follow the claim, the timer's healing pass finds it RECOVER_MS on.
  await armAlarm(db, [now.getTime() + RECOVER_MS], now)
  if (!(await db.collection('motions').update(m._id, { status: 'closed', closedAt: now, closedBy: by, closesAt }, { status: 'open' }))) return null
  return publishDecision(services, db, m, by, audit)
}

/**
 * The decision of a closed motion, published once whoever gets here: the decision's
 * id is deterministic, so a second publisher (the timer healing a close that
 * stopped half-way) takes the stored counts instead of counting again, and the
 * notice and the news are keyed. Only the first is audited.
 */
async function publishDecision(services: Pick<Services, 'wechat' | 'clock' | 'log'>, db: ScopedDb, m: Motion, by: 'committee' | 'timer', audit: AuditFn) {
  const now = services.clock.now()
  const config = { kind: m.kind, options: m.options, rule: m.rule, quorumPercent: m.quorumPercent }
  const decisionId = decisionIdOf(m._id)
  const noticeId = `${m._id}:notice`
  // A ballot that read the motion open just before the close lands before the seal (and counts) or after (and is refused).
  let [counts, eligible] = await Promise.all([sealBox(db, m), eligibleCount(db, m)])
  let result = tallyMotion(config, counts, eligible)
  let fresh = true
  const decision: Omit<Decision, 'communityId'> = { _id: decisionId, motionId: m._id, topicId: m.topicId, title: m.title, outcome: result.outcome, summary: result.summary, chosen: result.chosen, options: m.options, counts, cast: result.cast, eligible: result.eligible, rule: m.rule, noticeId, publishedAt: now }
  if ((await addOnce(db.collection<Decision>('decisions'), decision)) === 'exists') {
    const stored = await db.collection<Decision>('decisions').require(decisionId)
    ;[counts, eligible, fresh] = [stored.counts, stored.eligible, false]
    result = tallyMotion(config, counts, eligible)
  }
  await db.collection('motions').update(m._id, { result, counts, decisionId })
  const lines = m.options.map((o, i) => `${o} ${counts[i]} 票`).join('，')
  await publishNotice(db, now, {
    _id: noticeId,
    title: `表决结果公示：${m.title}`,
    body: `${result.summary}。各选项：${lines}。应参与${m.unit === 'household' ? '户数' : '人数'} ${result.eligible}，实际参与 ${result.cast}（${result.turnoutPercent}%）；规则：${PASS_RULE_LABELS[m.rule]}${m.quorumPercent ? `，法定参与率 ${m.quorumPercent}%` : ''}。公示期内如有异议，可在公告中提出。`,
    category: 'decision',
    publicDays: 7,
    source: { kind: 'decision', id: decisionId },
  })
  if (m.topicId) {
    const issueId = issueIdOf(m.topicId)
    // The first publisher notes it; one finishing an interrupted close notes it only if that step was lost.
    const noted = !fresh && (await db.collection<Issue>('issues').get(issueId))?.timeline.some((s) => s.kind === 'decided' && s.link?.id === m._id)
    if (!noted) await noteOnIssue(db, issueId, { kind: 'decided', at: now, by: '系统', note: `「${m.title}」${result.summary}`, link: { page: 'motion', id: m._id } })
  }
  if (fresh) await audit({ action: 'council.motion.close', target: { collection: 'motions', id: m._id }, before: { status: 'open' }, after: { status: 'closed', by, outcome: result.outcome, counts, eligible: result.eligible } })
  await notify(services, db, await eligibleMembers(db, m), {
    kind: 'motion.decided',
    title: '表决结果已公布',
    body: `「${m.title}」${result.summary}`,
    link: motionLink(m._id),
    key: `motion-decided-${m._id}`,
  })
  return { decisionId, result }
}

export const closeMotionAction = action({
  name: 'council.motion.close',
  summary: '提前结束表决并公布决议（到截止时间会自动结束）：按设定的规则计票，发布决议和公示（居委会；写入审计日志）',
  roles: ['committee', 'admin'],
  input: z.strictObject({ motionId: id }),
  async run(ctx) {
    const { db, input } = ctx
    assertOwnId(db, input.motionId, '表决不存在')
    const m = await db.collection<Motion>('motions').require(input.motionId, '表决不存在')
    if (m.status === 'closed') throw precondition('表决已经结束')
    const closed = await closeMotion(ctx, db, m, 'committee', ctx.audit)
    if (!closed) throw conflict('表决刚被结束了，请刷新查看结果')
    return { motionId: m._id, decisionId: closed.decisionId, outcome: closed.result.outcome, summary: closed.result.summary }
  },
})

/**
 * When the community's alarm rings (frequent trigger): announce motions that have
 * just opened, and close (tally, publish) those past their closing time. A motion
 * reads as closed from its closing time on (votingState), whenever this runs.
 */
export const runMotions = timer({
  name: 'council.motions',
  trigger: 'frequent',
  alarmed: true,
  async run(services) {
    const { crossCommunity, clock } = services
    const _ = crossCommunity._
    const now = clock.now()
    const motions = crossCommunity.collection<Motion>('motions')
    const asSystem = (db: ScopedDb) => auditWriter(db, 'system', services.requestId, () => clock.now())
    let closed = 0
    const due = await motions.find({ status: 'open', closesAt: _.lte(now) }, { limit: BATCH })
    for (const m of due) {
      const db = crossCommunity.in(m.communityId)
      if (await closeMotion(services, db, m, 'timer', asSystem(db))) closed++
    }
    // A close that stopped between its claim and its decision (a crash, a timeout) is finished here, a minute on.
    const stopped = await motions.find({ status: 'closed', decisionId: null, closedAt: _.lte(new Date(now.getTime() - RECOVER_MS)) }, { limit: BATCH })
    for (const m of stopped) {
      const db = crossCommunity.in(m.communityId)
      await publishDecision(services, db, m, m.closedBy ?? 'timer', asSystem(db))
      closed++
    }
    let announced = 0
    const opened = await motions.find({ status: 'open', announced: false, opensAt: _.lte(now) }, { limit: BATCH })
    for (const m of opened) {
      if (!(await motions.update(m._id, { announced: true }, { announced: false }))) continue
      await announce(services, crossCommunity.in(m.communityId), m)
      announced++
    }
    return { closed, announced, more: [due, stopped, opened].some((found) => found.length === BATCH) }
  },
})

