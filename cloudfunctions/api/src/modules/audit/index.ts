/**
 * The audit log viewer (居委会、管理员): who changed what and when, each entry's before
 * and after as a list of changed fields, filtered by person, action and China dates.
 * What an entry holds is what the action wrote; on the way out, openids are dropped
 * and phone numbers cut, whoever reads, so the viewer and its export leak neither.
 */
import { z } from 'zod'
import { action } from '../../platform/action'
import type { AuditEntry } from '../../platform/audit'
import { invalid } from '../../platform/errors'
import { findPage } from '../../platform/paging'
import { maskName, maskPhone } from '../../platform/privacy'
import type { Membership } from '../../platform/roles'
import { chinaDayStart, iso } from '../../platform/time'
import { cursor, id, limit, machineText } from '../../platform/validation'

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => !Number.isNaN(chinaDayStart(s).getTime()), '日期不对')
machineText.add(day, { why: '查询的日期' })

const actionName = z.string().min(3).max(60).regex(/^[a-z][A-Za-z]*(\.[A-Za-z]+)+$/, '操作名称不对')
machineText.add(actionName, { why: '按操作筛选审计日志' })

export const auditFilters = z.strictObject({
  actorId: id.optional(),
  action: actionName.optional(),
  /** China calendar days, both included */
  from: day.optional(),
  to: day.optional(),
})

const PHONE_ANYWHERE = /(?<!\d)1[3-9]\d{9}(?!\d)/g

/** An entry's before or after, without openids and with phones cut, as the viewer may show it to anyone who reads it. */
function scrub(v: unknown, key = ''): unknown {
  if (v === null || v === undefined) return null
  if (typeof v === 'string') return /phone/i.test(key) ? maskPhone(v) : v.replace(PHONE_ANYWHERE, (p) => maskPhone(p)!)
  if (Array.isArray(v)) return v.map((x) => scrub(x, key))
  if (v instanceof Date) return v.toISOString()
  if (typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .filter(([k]) => !/openid/i.test(k))
        .map(([k, x]) => [k, scrub(x, k)]),
    )
  }
  return v
}

const shown = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v))

/** The fields an entry changed, each with its value before and after, in words a table can hold. */
export function changesOf(before: unknown, after: unknown): Array<{ field: string; before: string; after: string }> {
  const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x)
  if (!isObj(before) && !isObj(after)) return shown(before) === shown(after) ? [] : [{ field: '', before: shown(before), after: shown(after) }]
  const b = isObj(before) ? before : {}
  const a = isObj(after) ? after : {}
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])]
  return fields.flatMap((field) => (shown(b[field]) === shown(a[field]) ? [] : [{ field, before: shown(b[field]), after: shown(a[field]) }]))
}

export const listAudit = action({
  name: 'audit.list',
  summary: '审计日志（居委会、管理员）：按经办人、操作和日期筛选，最新在前；每条的变更前后逐项列出（不含 openid，电话打码）',
  roles: ['committee', 'admin'],
  input: auditFilters.extend({ limit: limit(100, 30), cursor }),
  async run({ db, input, catalogue }) {
    const { actorId, action: act, from, to } = input
    if (from && to && from > to) throw invalid('开始日期不能晚于结束日期')
    const _ = db._
    const query: Record<string, unknown> = {}
    if (actorId) query.actor = actorId
    if (act) query.action = act
    if (from && to) query.at = _.gte(chinaDayStart(from)).and(_.lt(nextDay(to)))
    else if (from) query.at = _.gte(chinaDayStart(from))
    else if (to) query.at = _.lt(nextDay(to))
    const { page, nextCursor } = await findPage(db.collection<AuditEntry>('auditLog'), query, [['at', 'desc']], input)
    const actors = [...new Set(page.map((e) => e.actor))]
    const people = actors.length ? await db.collection<Membership>('memberships').find({ _id: _.in(actors) }, { limit: actors.length, fields: { nickname: true, status: true } }) : []
    const nameOf = new Map(people.map((m) => [m._id, m.status === 'left' ? '已离开的居民' : maskName(m.nickname)]))
    const labels = actionLabels(catalogue)
    return {
      items: page.map((e) => {
        const before = scrub(e.before)
        const after = scrub(e.after)
        return {
          id: e._id,
          at: iso(e.at)!,
          actorId: e.actor,
          actorName: nameOf.get(e.actor) ?? '已离开的居民',
          action: e.action,
          actionLabel: labels.get(e.action) ?? e.action,
          target: e.target,
          reason: e.reason ?? null,
          before,
          after,
          changes: changesOf(before, after),
        }
      }),
      nextCursor,
    }
  },
})

const nextDay = (d: string) => new Date(chinaDayStart(d).getTime() + 86_400_000)

/** An action's name in words: its summary up to the first bracket or colon. */
function actionLabels(catalogue: ReadonlyArray<{ name: string; summary: string }>) {
  return new Map(catalogue.map((a) => [a.name, a.summary.split(/[（：:(]/)[0].trim() || a.name]))
}

/** Actions that write the log though their summaries do not say so. */
const AUDITED_QUIETLY = new Set(['community.building.save', 'mall.order.cancel', 'member.verify', 'wish.withdraw'])

/** Entries written under names of their own, not the catalogue's. */
const EXTRA_ACTIONS: Record<string, string> = {
  'council.comment.hide': '隐藏评论',
  'council.task.reopen': '满意率不足，重新办理',
  'wish.create.onBehalf': '代居民发布微心愿',
}

export const auditChoices = action({
  name: 'audit.choices',
  summary: '审计日志的筛选项（居委会、管理员）：可选的经办人（居委会、管理员、楼栋长、志愿者，昵称打码）和操作',
  roles: ['committee', 'admin'],
  input: z.strictObject({}),
  async run({ db, catalogue }) {
    const staff = await db
      .collection<Membership>('memberships')
      .find({ roles: db._.in(['committee', 'admin', 'buildingLead', 'volunteer']) }, { limit: 500, fields: { nickname: true, status: true, roles: true } })
    const labels = actionLabels(catalogue)
    return {
      people: staff.filter((m) => m.status !== 'left').map((m) => ({ memberId: m._id, name: maskName(m.nickname), roles: m.roles })),
      actions: [
        // An action that writes the log says so in its summary (the API reference keeps them honest).
        ...catalogue.filter((a) => (a.summary.includes('审计') || AUDITED_QUIETLY.has(a.name)) && !a.name.startsWith('audit.')).map((a) => ({ action: a.name, label: labels.get(a.name)! })),
        ...Object.entries(EXTRA_ACTIONS).map(([a, label]) => ({ action: a, label })),
      ],
    }
  },
})

export const actions = [listAudit, auditChoices] as const
