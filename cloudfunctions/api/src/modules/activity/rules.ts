/**
 * Who may do what with an activity, and what a sign-up must answer: pure checks
 * on a read activity, shared by the actions, the check-in kind and the export.
 */
import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { ActionContext } from '../../platform/action'
import type { ScopedDb } from '../../platform/db'
import { forbidden, invalid, precondition } from '../../platform/errors'
import { assertOwnId } from '../../platform/ids'
import { maskPhone, PHONE_PATTERN } from '../../platform/privacy'
import { isCommittee, type Membership } from '../../platform/roles'
import { chinaTime } from '../../platform/time'
import { text } from '../../platform/validation'
import { leadsTeam } from '../volunteer'
import { ACTIVITIES, type Activity, type CustomField, type Eligibility } from './model'

/** A volunteer team's lead organises the team's activities (modules/volunteer says who leads a team). */
export async function leadsActivityTeam(ctx: Pick<ActionContext<unknown>, 'db' | 'member'>, teamId: string | null): Promise<boolean> {
  return !!teamId && leadsTeam(ctx, teamId)
}

export async function isOrganiser(ctx: Pick<ActionContext<unknown>, 'db' | 'member'>, a: Pick<Activity, 'organiserIds' | 'teamId'>): Promise<boolean> {
  if (isCommittee(ctx.member)) return true
  return (a.organiserIds ?? []).includes(ctx.member.membership._id) || leadsActivityTeam(ctx, a.teamId)
}

/** The activity, for one of its organisers; NOT_FOUND for another community's, FORBIDDEN for anyone else. */
export async function organisedActivity(ctx: ActionContext<unknown>, activityId: string): Promise<Activity> {
  const a = await readActivity(ctx.db, activityId)
  if (!(await isOrganiser(ctx, a))) throw forbidden('只有活动的组织者可以这样做')
  return a
}

export async function readActivity(db: ScopedDb, activityId: string): Promise<Activity> {
  assertOwnId(db, activityId, '活动不存在')
  return db.collection<Activity>(ACTIVITIES).require(activityId, '活动不存在')
}

/** What a member's sign-up condition matches against the activity's `eligibleKeys`. */
export function memberKeys(m: Pick<Membership, 'status' | 'buildingId'>): string[] {
  if (m.status !== 'verified') return ['all']
  return ['all', 'verified', ...(m.buildingId ? [`b:${m.buildingId}`] : [])]
}

export function eligibleKeysOf(e: Eligibility): string[] {
  if (e.kind === 'all') return ['all']
  if (e.kind === 'verified') return ['verified']
  return e.buildingIds.map((b) => `b:${b}`)
}

export function checkEligible(a: Pick<Activity, 'eligibleKeys' | 'eligibility'>, m: Pick<Membership, 'status' | 'buildingId'>) {
  if (memberKeys(m).some((k) => a.eligibleKeys.includes(k))) return
  if (m.status !== 'verified') throw precondition('这个活动只接受已认证居民报名，请先完成住户认证')
  throw precondition('这个活动只接受指定楼栋的居民报名')
}

/** Sign-up is open now: published, within its window, not started. */
export function checkSignupOpen(a: Activity, now: Date) {
  if (a.status === 'cancelled') throw precondition(`活动已取消：${a.cancelReason ?? ''}`)
  if (a.status !== 'published') throw precondition('活动尚未发布')
  if (a.signupStartAt && now.getTime() < new Date(a.signupStartAt).getTime()) throw precondition(`报名${chinaTime(a.signupStartAt)}开始`)
  if (now.getTime() >= new Date(a.signupEndAt).getTime()) throw precondition('报名已截止')
}

/** A sign-up's answer to one custom field, as the input carries it. */
export const answerInput = z.strictObject({
  field: z.string().regex(/^f\d{1,2}$/, '报名信息的栏目不对'),
  // A phone number is read by the organisers only and is not free text: WeChat need not see it.
  value: z.union([z.number().finite(), z.string().regex(PHONE_PATTERN, '手机号格式不对'), text(200)]),
})
export type AnswerInput = z.infer<typeof answerInput>

/** The fields' fingerprint: equal keys, equal fields (every property that checking an answer uses). */
export function fieldsKey(fields: CustomField[]): string {
  const canonical = fields.map((f) => [f.id, f.label, f.type, !!f.required, f.options ?? null])
  return createHash('sha256').update(JSON.stringify(canonical)).digest('base64url').slice(0, 22)
}

/** The answers checked against the activity's own fields: none unknown, each required one given, each of its type. */
export function checkAnswers(fields: CustomField[], given: AnswerInput[]): Record<string, string | number> {
  const byId = new Map(fields.map((f) => [f.id, f]))
  const out: Record<string, string | number> = {}
  for (const { field, value } of given) {
    const f = byId.get(field)
    if (!f) throw invalid('报名信息中有这个活动没有的栏目，请刷新后再填')
    if (field in out) throw invalid(`「${f.label}」填了两次`)
    if (f.type === 'number' && typeof value !== 'number') throw invalid(`「${f.label}」请填数字`)
    if (f.type === 'phone' && (typeof value !== 'string' || !PHONE_PATTERN.test(value))) throw invalid(`「${f.label}」请填 11 位手机号`)
    if (f.type === 'text' && typeof value !== 'string') throw invalid(`「${f.label}」请填文字`)
    if (f.type === 'choice' && !(f.options ?? []).includes(String(value))) throw invalid(`「${f.label}」请从选项中选择`)
    out[field] = value
  }
  const missing = fields.find((f) => f.required && !(f.id in out))
  if (missing) throw invalid(`请填写「${missing.label}」`)
  return out
}

export function checkCompanions(a: Pick<Activity, 'maxCompanions'>, companions: number) {
  if (companions > a.maxCompanions) throw invalid(a.maxCompanions === 0 ? '这个活动不能带同行人' : `同行人数最多 ${a.maxCompanions} 人`)
}

/** An answer as someone other than its author sees it: phone numbers masked. */
export function shownAnswer(f: CustomField | undefined, value: string | number | undefined): string {
  if (value === undefined) return ''
  if (f?.type === 'phone') return maskPhone(String(value)) ?? ''
  return String(value)
}

const HOUR = 3_600_000
/** Check-in opens an hour before the start and closes two hours after the end. */
const CHECKIN_OPENS_MS = HOUR
const CHECKIN_CLOSES_MS = 2 * HOUR

export function checkinPhase(a: Pick<Activity, 'startAt' | 'endAt' | 'status'>, now: Date): 'early' | 'open' | 'closed' {
  if (a.status !== 'published') return 'closed'
  const t = now.getTime()
  if (t < new Date(a.startAt).getTime() - CHECKIN_OPENS_MS) return 'early'
  if (t > new Date(a.endAt).getTime() + CHECKIN_CLOSES_MS) return 'closed'
  return 'open'
}
