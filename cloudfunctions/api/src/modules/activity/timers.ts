/**
 * What the clock does to activities: offers from the waitlist that were not claimed
 * in time pass on, and the registered are reminded the day before and two hours
 * before (as a subscribe message where consent remains, always in 消息). Both run on
 * the frequent trigger when the community's alarm rings (platform/alarms): an offer
 * arms it for its deadline, an activity for its reminders (`reminderMoments`).
 */
import { timer } from '../../platform/action'
import { FREQUENT_MS } from '../../platform/alarms'
import type { ScopedDb } from '../../platform/db'
import { notify } from '../../platform/notify'
import type { Services } from '../../platform/services'
import { chinaTime } from '../../platform/time'
import { ACTIVITIES, type Activity } from './model'
import { activityLink, changeSeats, historyLine, tellPromoted } from './seats'

const HOUR = 3_600_000

/**
 * Passes on every offer of one activity whose time ran out, promoting the next in line
 * in the same transaction: by the frequent timer, or by whoever reads the activity
 * first after the deadline (activity.get). Returns the activity as it now stands.
 */
export async function expireOffers(services: Pick<Services, 'wechat' | 'clock' | 'log'>, db: ScopedDb, activityId: string) {
  const now = services.clock.now()
  const out = await changeSeats(db, activityId, now, null, async (act) => {
    const lapsed = act.seated.filter((s) => s.until && new Date(s.until).getTime() <= now.getTime())
    if (lapsed.length === 0) return { change: null, result: [] as string[] }
    return {
      result: lapsed.map((s) => s.k),
      change: {
        seated: act.seated.filter((s) => !lapsed.includes(s)),
        queue: act.queue,
        moved: lapsed.map((s) => ({ memberId: s.k, entry: s, patch: { status: 'expired' as const, offerUntil: null, cancelledAt: now, cancelReason: '未在规定时间内确认' }, line: historyLine('未在规定时间内确认，名额让给下一位', now) })),
        log: lapsed.map((s) => ({ at: now, what: 'offerExpired' as const, k: s.k, by: null, reason: '未在规定时间内确认' })),
      },
    }
  })
  if (out.result.length) {
    await notify(services, db, out.result, {
      kind: 'activity.offerExpired',
      title: '候补名额已过期',
      body: `「${out.activity.title}」的候补名额没有在规定时间内确认，已让给下一位`,
      link: activityLink(activityId),
      key: `activity-offer-expired-${activityId}-${now.getTime()}`,
    })
  }
  await tellPromoted(services, db, out.activity, out.promoted)
  return { expired: out.result.length, activity: out.activity }
}

const BATCH = 50

export const passOnOffers = timer({
  name: 'activity.passOnOffers',
  trigger: 'frequent',
  alarmed: true,
  async run(services) {
    const cross = services.crossCommunity
    const now = services.clock.now()
    const due = await cross.collection<Activity>(ACTIVITIES).find({ status: 'published', offerDue: cross._.lte(now) }, { limit: BATCH, fields: { _id: true, communityId: true } })
    let expired = 0
    for (const a of due) expired += (await expireOffers(services, cross.in(a.communityId), a._id)).expired
    return { activities: due.length, expired, more: due.length === BATCH }
  },
})

const REMINDERS = [
  { flag: 'remindedDay', before: 24 * HOUR, title: '活动明天开始', key: 'day' },
  { flag: 'remindedSoon', before: 2 * HOUR, title: '活动两小时后开始', key: 'soon' },
] as const

/**
 * When an activity starting at `startAt` needs the reminder sweep: a run of the
 * frequent trigger comes up to FREQUENT_MS after its alarm, so each reminder is
 * armed (and sent) that much before its time, never after it.
 */
export const reminderMoments = (startAt: Date | string) => REMINDERS.map((r) => new Date(new Date(startAt).getTime() - r.before - FREQUENT_MS))

export const remindActivities = timer({
  name: 'activity.remind',
  trigger: 'frequent',
  alarmed: true,
  async run(services) {
    const cross = services.crossCommunity
    const _ = cross._
    const now = services.clock.now()
    const acts = cross.collection<Activity>(ACTIVITIES)
    let reminded = 0
    let more = false
    for (const r of REMINDERS) {
      const soon = { status: 'published', [r.flag]: false, startAt: _.lte(new Date(now.getTime() + r.before + FREQUENT_MS)) }
      const found = await acts.find(soon, { limit: BATCH, fields: { queue: false, queueLog: false } })
      more ||= found.length === BATCH
      for (const a of found) {
        // Claimed by a conditional update: overlapping runs remind once, and an activity moved
        // since it was found (its flag reset with the new time) is left for the next run.
        if (!(await acts.update(a._id, { [r.flag]: true }, { [r.flag]: false, startAt: a.startAt }))) continue
        // One first seen after it started is marked, not announced; the day-before one is skipped when the two-hour one is due.
        const start = new Date(a.startAt).getTime()
        if (start <= now.getTime()) continue
        if (r.key === 'day' && start - now.getTime() <= REMINDERS[1].before + FREQUENT_MS) continue
        const db = cross.in(a.communityId)
        const registered = a.seated.filter((s) => !s.until).map((s) => s.k)
        await notify(services, db, registered, {
          kind: 'activity.reminder',
          title: r.title,
          body: `「${a.title}」${chinaTime(a.startAt)}在${a.place}，请准时参加，到场后扫码签到`,
          link: activityLink(a._id),
          template: 'activityUpdate',
          key: `activity-reminder-${r.key}-${a._id}-${start}`,
        })
        reminded++
      }
    }
    return { reminded, more }
  },
})

export const activityTimers = [passOnOffers, remindActivities] as const
