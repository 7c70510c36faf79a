/**
 * Who serves: a resident applies to volunteer (real name and identity number asked
 * here only, for the certificate), the committee approves or declines, and teams
 * (志愿队) with their leads run projects.
 */
import { z } from 'zod'
import { action, type ActionContext } from '../../platform/action'
import { auditRecord } from '../../platform/audit'
import { checkinSecret } from '../../platform/checkin'
import { addOnce, type ScopedDb } from '../../platform/db'
import { conflict, forbidden, invalid, notFound, precondition } from '../../platform/errors'
import { assertOwnId, newId } from '../../platform/ids'
import { SERVICE_CATEGORIES } from '../../platform/labels'
import { notify } from '../../platform/notify'
import { maskName } from '../../platform/privacy'
import { isCommittee, residentById, type Membership } from '../../platform/roles'
import { iso } from '../../platform/time'
import { id, limit, name, text, unstoredText } from '../../platform/validation'
import { COUNTERS, ID_KEYS, idNumberHash, maskIdNumber, normaliseIdNumber, TEAMS, VOLUNTEERS, volunteerId, type IdKey, type Team, type Volunteer } from './model'

/** What the applicant reads beside the two fields: why they are asked, and what is kept. */
export const IDENTITY_REASON =
  '真实姓名和身份证号仅用于出具《志愿服务记录证明》（民政部《志愿服务记录与证明出具办法》要求证明载明志愿者身份）。系统只保存身份证号的打码形式（前 4 位和后 4 位）和一个无法还原的校验值（防止重复登记），不保存完整号码，也不向任何人显示。'

const applicationView = (v: Volunteer) => ({
  status: v.status,
  realName: v.realName,
  idMasked: v.idMasked,
  skills: v.skills,
  categories: v.categories,
  number: v.number,
  appliedAt: iso(v.appliedAt)!,
  decidedAt: iso(v.decidedAt),
  declineReason: v.declineReason,
})

/** Does the caller lead this team? For the areas that let a volunteer team lead run their team's work (activities). */
export async function leadsTeam(ctx: Pick<ActionContext<unknown>, 'db' | 'member'>, teamId: string): Promise<boolean> {
  if (!teamId.startsWith(`${ctx.db.communityId}:`)) return false
  const team = await ctx.db.collection<Team>(TEAMS).get(teamId)
  return !!team && team.leadIds.includes(ctx.member.membership._id)
}

/** The teams a member leads, for 我的志愿 and the lead's tools. */
export async function teamsLedBy(db: ScopedDb, memberId: string): Promise<Team[]> {
  return db.collection<Team>(TEAMS).find({ leadIds: memberId }, { limit: 50 })
}

export const apply = action({
  name: 'volunteer.apply',
  summary: '申请成为志愿者：技能、服务类别，以及出具证明所需的真实姓名和身份证号（只保存打码形式；同一身份证号在本社区只能登记一次）；居委会审核',
  roles: ['resident'],
  input: z.strictObject({
    realName: name(20, 2),
    idNumber: unstoredText(18, '身份证号只用于计算打码形式和校验值，原文不保存也不显示'),
    skills: z.array(text(20, 1)).max(10).default([]),
    categories: z.array(z.enum(SERVICE_CATEGORIES)).min(1, '请至少选择一个服务类别').max(SERVICE_CATEGORIES.length),
    /** the applicant read why the identity number is asked */
    consent: z.literal(true, { message: '请先阅读并同意身份信息的使用说明' }),
  }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    const idNumber = normaliseIdNumber(input.idNumber)
    if (!idNumber) throw invalid('身份证号不正确，请核对后重新填写（18 位，最后一位可能是 X）')
    const me = member.membership._id
    const now = clock.now()
    const idHash = idNumberHash(idNumber, db.communityId, checkinSecret())
    const vid = volunteerId(me)
    const volunteers = db.collection<Volunteer>(VOLUNTEERS)
    const current = await volunteers.get(vid)
    if (current?.status === 'approved') throw precondition('你已经是本社区的志愿者')
    // One person registers once: the key of their number names its holder, whoever asked first.
    const keyId = `${db.communityId}:idk-${idHash}`
    if ((await addOnce(db.collection<IdKey>(ID_KEYS), { _id: keyId, memberId: me })) === 'exists') {
      const holder = await db.collection<IdKey>(ID_KEYS).get(keyId)
      if (holder && holder.memberId !== me) throw precondition('这个身份证号已在本社区登记为志愿者，如有疑问请联系居委会')
    }
    const application = {
      memberId: me,
      status: 'pending' as const,
      realName: input.realName,
      idMasked: maskIdNumber(idNumber),
      idHash,
      skills: [...new Set(input.skills)],
      categories: [...new Set(input.categories)],
      number: null,
      appliedAt: now,
      decidedAt: null,
      decidedBy: null,
      declineReason: null,
    }
    if (!current) {
      if ((await addOnce(volunteers, { _id: vid, ...application })) === 'exists') throw conflict('申请刚刚提交过，请刷新')
    } else {
      // A declined or pending application is replaced; an approval that lands meanwhile is kept.
      const replaced = await volunteers.update(vid, application, { status: db._.neq('approved') })
      if (!replaced) throw precondition('你已经是本社区的志愿者')
      // The number it replaces is released, unless it is the same one.
      if (current.idHash !== idHash) await db.collection(ID_KEYS).removeWhere({ _id: `${db.communityId}:idk-${current.idHash}`, memberId: me })
    }
    return { status: 'pending' as const, idMasked: application.idMasked }
  },
})

export const myVolunteer = action({
  name: 'volunteer.me',
  summary: '我的志愿者身份：申请状态、志愿者编号、我带领的志愿队，以及为什么要填写实名和身份证号',
  roles: ['resident'],
  input: z.strictObject({}),
  async run({ db, member }) {
    const me = member.membership._id
    const [v, led] = await Promise.all([db.collection<Volunteer>(VOLUNTEERS).get(volunteerId(me)), teamsLedBy(db, me)])
    return {
      application: v ? applicationView(v) : null,
      /** holds the volunteer role: may sign up for shifts */
      isVolunteer: member.roles.has('volunteer'),
      isCommittee: isCommittee(member),
      leads: led.map((t) => ({ teamId: t._id, name: t.name })),
      identityReason: IDENTITY_REASON,
    }
  },
})

export const listApplications = action({
  name: 'volunteer.application.list',
  summary: '志愿者申请列表（居委会）：姓名、打码的身份证号、技能和服务类别，按状态筛选',
  roles: ['committee', 'admin'],
  input: z.strictObject({ status: z.enum(['pending', 'approved', 'declined']).default('pending'), limit: limit(200, 50) }),
  async run({ db, input }) {
    const rows = await db.collection<Volunteer>(VOLUNTEERS).find({ status: input.status }, { orderBy: [['appliedAt', 'desc']], limit: input.limit })
    return { items: rows.map((v) => ({ memberId: v.memberId, ...applicationView(v) })) }
  },
})

/** The next volunteer number, taken in the transaction that approves: two approvals write the one counter, so they conflict and never share a number. */
const numberCounterId = (communityId: string) => `${communityId}:volunteer-numbers`
export const formatVolunteerNumber = (n: number) => `ZY${String(n).padStart(6, '0')}`

export const decideApplication = action({
  name: 'volunteer.application.decide',
  summary: '审核志愿者申请（居委会）：通过时分配志愿者编号并授予志愿者身份；不通过须写明原因；写入审计日志并通知申请人',
  roles: ['committee', 'admin'],
  input: z
    .strictObject({ memberId: id, approve: z.boolean(), reason: text(200, 2).optional() })
    .refine((v) => v.approve || !!v.reason, { message: '不通过须写明原因', path: ['reason'] }),
  async run(ctx) {
    const { db, input, member, clock } = ctx
    assertOwnId(db, input.memberId, '没有这份申请')
    const who = await residentById(db, input.memberId)
    const now = clock.now()
    const actor = member.membership._id
    const vid = volunteerId(who._id)
    const outcome = await db.transaction(async (tx) => {
      const v = await tx.get<Volunteer>(VOLUNTEERS, vid)
      if (!v) throw notFound('没有这份申请')
      if (v.status !== 'pending') return { status: v.status, number: v.number, changed: false }
      const audit = (after: unknown) =>
        tx.add('auditLog', auditRecord(actor, ctx.requestId, now, { action: 'volunteer.application.decide', target: { collection: VOLUNTEERS, id: vid }, before: { status: v.status }, after, reason: input.reason }))
      if (!input.approve) {
        await tx.update(VOLUNTEERS, vid, { status: 'declined', decidedAt: now, decidedBy: actor, declineReason: input.reason })
        await audit({ status: 'declined' })
        return { status: 'declined' as const, number: null, changed: true }
      }
      const counterId = numberCounterId(db.communityId)
      const counter = await tx.get<{ _id: string; communityId: string; next: number }>(COUNTERS, counterId)
      const seq = counter?.next ?? 1
      const number = formatVolunteerNumber(seq)
      await tx.set(COUNTERS, counterId, { next: seq + 1 })
      await tx.update(VOLUNTEERS, vid, { status: 'approved', number, decidedAt: now, decidedBy: actor, declineReason: null })
      const m = await tx.get<Membership>('memberships', who._id)
      if (!m || m.status === 'left') throw notFound('没有这位居民')
      await tx.update('memberships', who._id, { roles: tx._.addToSet('volunteer') })
      await audit({ status: 'approved', number })
      return { status: 'approved' as const, number, changed: true }
    })
    if (outcome.changed) {
      await notify(ctx, db, [who._id], {
        kind: 'volunteer.application',
        title: outcome.status === 'approved' ? '志愿者申请已通过' : '志愿者申请未通过',
        body: outcome.status === 'approved' ? `你的志愿者编号是 ${outcome.number}，可以报名志愿服务了` : `原因：${input.reason}`,
        template: 'reviewResult',
        key: `volunteer-application-${who._id}-${now.getTime()}`,
      })
    }
    return { memberId: who._id, status: outcome.status, number: outcome.number }
  },
})

// ---- teams ----

async function leadsExist(db: ScopedDb, leadIds: string[]) {
  for (const l of leadIds) assertOwnId(db, l, '所选队长不是本社区居民')
  const found = await db.collection<Membership>('memberships').find({ _id: db._.in(leadIds) }, { limit: leadIds.length, fields: { status: true, roles: true } })
  const ok = found.filter((m) => m.status !== 'left' && !(m.roles as string[]).includes('street'))
  if (ok.length !== leadIds.length) throw notFound('所选队长不是本社区居民')
}

export const createTeam = action({
  name: 'volunteer.team.create',
  summary: '成立志愿队（居委会）：队名、简介和队长（一到五位居民）；写入审计日志',
  roles: ['committee', 'admin'],
  input: z.strictObject({ name: name(30, 2), description: text(300).optional(), leadIds: z.array(id).min(1, '请至少指定一位队长').max(5) }),
  async run(ctx) {
    const { db, input, clock } = ctx
    const leadIds = [...new Set(input.leadIds)]
    await leadsExist(db, leadIds)
    const now = clock.now()
    const teamId = newId(db, 'vteam', now)
    await db.collection<Team>(TEAMS).add({ _id: teamId, name: input.name, description: input.description ?? '', leadIds, createdAt: now })
    await ctx.audit({ action: 'volunteer.team.create', target: { collection: TEAMS, id: teamId }, after: { name: input.name, leadIds } })
    return { teamId }
  },
})

export const updateTeam = action({
  name: 'volunteer.team.update',
  summary: '修改志愿队的队名、简介或队长（居委会；写入审计日志）',
  roles: ['committee', 'admin'],
  input: z
    .strictObject({ teamId: id, name: name(30, 2).optional(), description: text(300).optional(), leadIds: z.array(id).min(1).max(5).optional() })
    .refine((v) => v.name || v.description !== undefined || v.leadIds, { message: '没有要修改的内容' }),
  async run(ctx) {
    const { db, input } = ctx
    assertOwnId(db, input.teamId, '志愿队不存在')
    const teams = db.collection<Team>(TEAMS)
    const before = await teams.require(input.teamId, '志愿队不存在')
    const patch: Record<string, unknown> = {}
    if (input.name) patch.name = input.name
    if (input.description !== undefined) patch.description = input.description
    if (input.leadIds) {
      const leadIds = [...new Set(input.leadIds)]
      await leadsExist(db, leadIds)
      patch.leadIds = db._.set(leadIds)
    }
    await teams.update(before._id, patch)
    await ctx.audit({ action: 'volunteer.team.update', target: { collection: TEAMS, id: before._id }, before: { name: before.name, leadIds: before.leadIds }, after: { name: input.name ?? before.name, leadIds: input.leadIds ?? before.leadIds } })
    return { teamId: before._id }
  },
})

export const listTeams = action({
  name: 'volunteer.team.list',
  summary: '志愿队列表：队名、简介、队长（姓名打码），以及我是否是队长',
  roles: ['resident', 'street'],
  input: z.strictObject({}),
  async run({ db, caller }) {
    const teams = await db.collection<Team>(TEAMS).find({}, { orderBy: [['createdAt', 'asc']], limit: 100 })
    const leadIds = [...new Set(teams.flatMap((t) => t.leadIds))]
    const rows = leadIds.length ? await db.collection<Membership>('memberships').find({ _id: db._.in(leadIds) }, { limit: leadIds.length, fields: { nickname: true, status: true } }) : []
    const names = new Map(rows.map((m) => [m._id, m.status === 'left' ? '已离开的居民' : maskName(m.nickname)]))
    const me = caller.membership?._id
    return {
      items: teams.map((t) => ({
        id: t._id,
        name: t.name,
        description: t.description,
        leads: t.leadIds.map((l) => names.get(l) ?? '已离开的居民'),
        ledByMe: !!me && t.leadIds.includes(me),
      })),
    }
  },
})

/** Who may organise work of a team (or, with no team, the committee's own work): its leads, and the committee. */
export async function organisesTeam(ctx: Pick<ActionContext<unknown>, 'db' | 'member'>, teamId: string | null): Promise<boolean> {
  if (isCommittee(ctx.member)) return true
  return teamId ? leadsTeam(ctx, teamId) : false
}

export function mustOrganise(ok: boolean) {
  if (!ok) throw forbidden('只有这支志愿队的队长或居委会可以进行这个操作')
}
