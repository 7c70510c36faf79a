/**
 * On the day and after: check-in (the shared QR check-in, kind `activity`), the
 * export of registrations and attendance, and the summary — attendance, no-shows,
 * photos, a few lines that can go on the notice board.
 */
import { z } from 'zod'
import { action, type ActionContext } from '../../platform/action'
import { registerCheckinKind, type Attendance } from '../../platform/checkin'
import type { ScopedDb } from '../../platform/db'
import { forbidden, precondition } from '../../platform/errors'
import { runExport } from '../export/kind'
import { activitiesExport } from '../export/kinds/activities'
import { assertOwnId } from '../../platform/ids'
import { consentLabel } from '../../platform/labels'
import { photosFor } from '../../platform/media'
import { registerPersonalData } from '../../platform/personal'
import { isCommittee } from '../../platform/roles'
import { iso } from '../../platform/time'
import { id, ownFileId, text } from '../../platform/validation'
import { publishNotice } from '../notice'
import { ACTIVITIES, cancelCutoff, REGISTRATIONS, registrationId, type Activity, type Registration } from './model'
import { checkinPhase, isOrganiser, organisedActivity } from './rules'
import { activityLink } from './seats'

/**
 * 活动 check-in: the activity's organisers show the code from an hour before the
 * start. Only those registered (seats confirmed) are credited — anyone else is told
 * why not — and attending earns the activity's own points, through the ledger.
 */
registerCheckinKind({
  kind: 'activity',
  label: '活动',
  attendance: 'present',
  credits: 'members',
  earns: 'event',
  async authorizeOrganiser(ctx: ActionContext<unknown>, eventId: string) {
    const a = await readForOrganiser(ctx, eventId)
    const phase = checkinPhase(a, ctx.clock.now())
    return {
      title: a.title,
      closedBecause: a.status === 'cancelled' ? '活动已取消' : phase === 'early' ? '签到在活动开始前 1 小时开放' : phase === 'closed' ? '这个活动的签到已结束' : null,
      minutes: Math.round((new Date(a.endAt).getTime() - new Date(a.startAt).getTime()) / 60_000),
      points: a.points,
    }
  },
  async admit(db, { eventId, memberId }) {
    // The signed code names the activity; the registration says whether this person holds a seat in it.
    const reg = await db.collection<Registration>(REGISTRATIONS).get(registrationId(eventId, memberId))
    if (!reg) throw precondition('你没有报名这个活动，请联系组织者')
    if (reg.status === 'waitlisted') throw precondition('你还在候补中，没有名额，请联系组织者')
    if (reg.status === 'offered') throw precondition('你的候补名额还没有确认，请先在活动页确认参加')
    // A cancelled activity's registrations are all marked so (activity.cancelActivity).
    if (reg.status === 'activityCancelled') throw precondition('活动已取消')
    if (reg.status !== 'registered') throw precondition('你的报名已取消，请联系组织者')
  },
  async onCredit(tx, { eventId }) {
    const a = await tx.get<Activity>(ACTIVITIES, eventId)
    // Cancelled after the attendee checked in: the attendance stands, it earns nothing.
    if (!a || a.status !== 'published') return { points: 0, label: '活动签到' }
    return { points: a.points, label: `活动签到：${a.title}` }
  },
})

async function readForOrganiser(ctx: ActionContext<unknown>, activityId: string): Promise<Activity> {
  assertOwnId(ctx.db, activityId, '活动不存在')
  const a = await ctx.db.collection<Activity>(ACTIVITIES).require(activityId, '活动不存在')
  if (!(await isOrganiser(ctx, a))) throw forbidden('只有活动的组织者可以为活动签到')
  return a
}

export const exportActivity = action({
  name: 'activity.export',
  summary: '导出报名与签到名单（.xlsx）：序号、姓名（打码）、楼栋房号、报名时间、状态、同行人数、各报名栏目（电话打码）、签到时间和方式、候补转正时间、取消时间/原因、代报名人；写入审计日志（组织者）',
  roles: ['resident'],
  input: z.strictObject({ activityId: id }),
  // The same export as export.create's `activities` kind for one activity; organisers who are not the committee reach it here.
  run: (ctx) => runExport(ctx, activitiesExport, { activityId: ctx.input.activityId }, 'activity.export'),
})

/** Attendance and no-shows: a no-show is someone registered, not checked in, whose cancellation cut-off has passed. */
export async function attendanceOf(db: ScopedDb, a: Activity, now: Date) {
  const present = await db.collection<Attendance>('attendance').find({ kind: 'activity', eventId: a._id }, { limit: 20000, fields: { memberId: true } })
  const came = new Set(present.map((x) => x.memberId))
  const registered = a.seated.filter((s) => !s.until)
  const cutoff = cancelCutoff(a)
  const cutoffPassed = !cutoff || now.getTime() >= cutoff.getTime()
  const noShows = cutoffPassed && now.getTime() >= new Date(a.startAt).getTime() ? registered.filter((s) => !came.has(s.k)).length : 0
  return { attended: came.size, registered: registered.length, people: registered.reduce((n, s) => n + s.p, 0), noShows }
}

export const summarise = action({
  name: 'activity.summary',
  summary: '活动总结（活动开始后）：到场人数和未到人数自动统计，写几句总结、附照片；可同时发布为公告（组织者；写入审计日志）',
  roles: ['resident'],
  input: z.strictObject({ activityId: id, text: text(1000, 5), photos: z.array(ownFileId).max(9).default([]), publish: z.boolean().default(false) }),
  async run(ctx) {
    const { db, input, clock, member } = ctx
    const now = clock.now()
    const a = await organisedActivity(ctx, input.activityId)
    if (a.status !== 'published') throw precondition('活动已取消或尚未发布')
    if (now.getTime() < new Date(a.startAt).getTime()) throw precondition('活动开始后才能写总结')
    const submitted = await ctx.photos.submit(input.photos, 3)
    const counts = await attendanceOf(db, a, now)
    const noticeId = input.publish ? `${a._id}-summary` : (a.summary?.noticeId ?? null)
    const summary = { text: input.text, attended: counts.attended, noShows: counts.noShows, at: now, by: member.membership._id, noticeId }
    const photos = [...(a.poster ? [a.poster] : []), ...new Set(input.photos)]
    await db.collection(ACTIVITIES).update(a._id, { summary, photos, updatedAt: now })
    if (submitted.length) await ctx.photos.record({ collection: 'activities', docId: a._id, field: 'photos', authorId: member.membership._id, label: `活动「${a.title}」的总结`, link: activityLink(a._id) }, submitted)
    if (input.publish) {
      // A deterministic id: publishing twice (a retry, a second click) posts one notice.
      await publishNotice(db, now, {
        _id: noticeId!,
        title: `活动回顾：${a.title}`.slice(0, 60),
        body: `${input.text}\n\n本次活动报名 ${counts.registered} 组（${counts.people} 人），到场签到 ${counts.attended} 人。`,
        category: 'result',
        publicDays: 0,
        source: { kind: 'activity', id: a._id },
      })
    }
    await ctx.audit({ action: 'activity.summary', target: { collection: ACTIVITIES, id: a._id }, after: { attended: counts.attended, noShows: counts.noShows, photos: input.photos.length, noticeId } })
    return { activityId: a._id, ...counts, noticeId }
  },
})

export const attendanceView = action({
  name: 'activity.attendance',
  summary: '活动到场情况（组织者）：报名、到场、未到（取消截止后才计）人数，总结和照片（含检测中的）',
  roles: ['resident'],
  input: z.strictObject({ activityId: id }),
  async run(ctx) {
    const a = await organisedActivity(ctx, ctx.input.activityId)
    const counts = await attendanceOf(ctx.db, a, ctx.clock.now())
    const me = ctx.member.membership._id
    const { photos, pendingPhotos } = photosFor(a, me, { memberId: me, committee: isCommittee(ctx.member) })
    return {
      activityId: a._id,
      ...counts,
      checkin: checkinPhase(a, ctx.clock.now()),
      summary: a.summary ? { text: a.summary.text, at: iso(a.summary.at)!, noticeId: a.summary.noticeId } : null,
      photos: photos.filter((p) => p !== a.poster),
      pendingPhotos,
    }
  },
})

registerPersonalData({
  name: 'activities',
  async export(db, m) {
    const regs = await db.collection<Registration>(REGISTRATIONS).find({ memberId: m._id }, { orderBy: [['startAt', 'desc']], limit: 1000 })
    return regs.map((r) => ({
      activityId: r.activityId,
      status: r.status,
      companions: r.companions,
      answers: r.answers,
      signedUpAt: r.signedUpAt,
      promotedAt: r.promotedAt,
      cancelledAt: r.cancelledAt,
      cancelReason: r.cancelReason,
      signedUpBy: r.proxy ? { method: r.proxy.method, methodLabel: consentLabel(r.proxy.method), note: r.proxy.note, at: r.proxy.at } : null,
      history: r.history.map((h) => ({ at: h.at, what: h.what, reason: h.reason })),
    }))
  },
  // That they took part stays (the activity's figures); what they answered on its form does not.
  async forget(db, m) {
    await db.collection(REGISTRATIONS).updateWhere({ memberId: m._id }, { answers: {} })
  },
})

export const attendActions = [exportActivity, summarise, attendanceView] as const
