/**
 * The demo's 志愿服务, the part the server's tests name: a team led by demo-lead, a
 * project it runs and one the committee runs, an upcoming shift demo-volunteer
 * signed up for, and a past one (three days ago, not yet final) with a credited
 * stay, a check-in left open for the lead to settle, demo-volunteer signed up with
 * no record (they may ask for a correction), honour hours waiting for a second
 * person and a correction waiting for an answer; demo-volunteer approved,
 * demo-newcomer's application pending, and one issued certificate. Deterministic
 * ids, so tests and screenshots can name them.
 */
import type { CloudBase } from '@cloudbase/node-sdk'
import { attendanceId } from '../../cloudfunctions/api/src/platform/checkin'
import { balanceId, chinaDay, entryId, servicePoints } from '../../cloudfunctions/api/src/platform/points'
import { membershipId } from '../../cloudfunctions/api/src/platform/roles'
import { DEFAULT_SETTINGS } from '../../cloudfunctions/api/src/platform/settings'
import { afterWorkingDays, certificateId, correctionId, FINAL_AFTER_WORKING_DAYS, honourId, REMIND_AFTER_WORKING_DAYS, totalsId, volunteerId } from '../../cloudfunctions/api/src/modules/volunteer/model'
import { DEMO_COMMUNITY, neighbours } from './data'

const C = DEMO_COMMUNITY._id
const DAY = 86_400_000
const HOUR = 3_600_000

export const SEED_VOLUNTEER = {
  team: `${C}:vteam-s1`,
  /** run by the team */
  project: `${C}:vproj-s1`,
  /** run by the committee itself */
  committeeProject: `${C}:vproj-s2`,
  /** tomorrow 09:00–11:00, demo-volunteer signed up */
  upcoming: `${C}:vshift-s1`,
  /** three days ago 09:00–11:00: a credited stay, an open check-in, honour hours and a correction pending */
  past: `${C}:vshift-s2`,
  /** printed on the seeded certificate */
  certificateCode: 'LJZM2345ABCD',
}

const member = (openid: string) => membershipId(C, openid)
const [, , , , , , , , openCheckin, served] = neighbours()

/** China midnight of the day `days` from `now`'s, plus `hours`. */
function chinaAt(now: Date, days: number, hours: number): Date {
  const day = Math.floor((now.getTime() + 8 * HOUR) / DAY) + days
  return new Date(day * DAY - 8 * HOUR + hours * HOUR)
}

export async function seedVolunteer(app: CloudBase, now: Date): Promise<number> {
  const db = app.database()
  let documents = 0
  const add = async (collection: string, docs: Array<Record<string, unknown>>) => {
    await db.collection(collection).add(docs.map((d) => ({ communityId: C, ...d })))
    documents += docs.length
  }
  const S = SEED_VOLUNTEER
  const lead = member('demo-lead')
  const volunteer = member('demo-volunteer')
  const servedId = member(served.openid)
  const openId = member(openCheckin.openid)

  const application = (memberId: string, realName: string, idMasked: string, extra: Record<string, unknown>) => ({
    _id: volunteerId(memberId),
    memberId,
    realName,
    idMasked,
    // Not a hash of any real number: the seed has none.
    idHash: `seed-${memberId}`,
    skills: [],
    categories: ['elderly'],
    number: null,
    appliedAt: new Date(now.getTime() - 30 * DAY),
    decidedAt: null,
    decidedBy: null,
    declineReason: null,
    ...extra,
  })
  await add('volunteers', [
    application(volunteer, '黄志明', '3502**********3411', { status: 'approved', number: 'ZY000001', skills: ['急救', '陪伴聊天'], decidedAt: new Date(now.getTime() - 29 * DAY), decidedBy: member('demo-committee') }),
    application(servedId, served.name, '3502**********0528', { status: 'approved', number: 'ZY000002', decidedAt: new Date(now.getTime() - 20 * DAY), decidedBy: member('demo-committee') }),
    application(member('demo-newcomer'), '陈小雨', '3502**********2046', { status: 'pending', categories: ['children'], appliedAt: new Date(now.getTime() - DAY) }),
  ])
  await add('volunteerCounters', [{ _id: `${C}:volunteer-numbers`, next: 3 }])
  await db.collection('memberships').doc(servedId).update({ roles: ['volunteer'] })

  await add('volunteerTeams', [{ _id: S.team, name: '鹭江志愿服务队', description: '关爱独居老人、环境整治和平安巡防', leadIds: [lead], createdAt: new Date(now.getTime() - 60 * DAY) }])
  await add('volunteerProjects', [
    { _id: S.project, title: '关爱独居老人', description: '每周上门探访社区独居老人，陪伴聊天、检查用电安全', category: 'elderly', teamId: S.team, status: 'open', createdBy: lead, createdAt: new Date(now.getTime() - 40 * DAY) },
    { _id: S.committeeProject, title: '垃圾分类督导', description: '早晚高峰在投放点引导居民分类投放', category: 'environment', teamId: null, status: 'open', createdBy: member('demo-committee'), createdAt: new Date(now.getTime() - 35 * DAY) },
  ])

  const shift = (id: string, startAt: Date, extra: Record<string, unknown>) => {
    const endAt = new Date(startAt.getTime() + 2 * HOUR)
    return {
      _id: id,
      projectId: S.project,
      teamId: S.team,
      title: '关爱独居老人',
      content: '上门探访、陪伴聊天、检查用电安全',
      place: '鹭江社区服务中心',
      startAt,
      endAt,
      capacity: 10,
      seatsLeft: 10,
      signedUp: 0,
      signups: [],
      cutoffHours: 2,
      status: 'open',
      attended: 0,
      creditedMinutes: 0,
      finalAt: afterWorkingDays(endAt, FINAL_AFTER_WORKING_DAYS),
      remindAt: afterWorkingDays(endAt, REMIND_AFTER_WORKING_DAYS),
      reminded: false,
      createdBy: lead,
      createdAt: new Date(startAt.getTime() - 7 * DAY),
      ...extra,
    }
  }
  const pastStart = chinaAt(now, -3, 9)
  const credited = 110
  await add('volunteerShifts', [
    shift(S.upcoming, chinaAt(now, 1, 9), { seatsLeft: 9, signedUp: 1, signups: [{ memberId: volunteer, at: new Date(now.getTime() - DAY) }] }),
    shift(S.past, pastStart, {
      seatsLeft: 7,
      signedUp: 3,
      // demo-volunteer signed up and has no record: they may ask for a correction.
      signups: [servedId, openId, volunteer].map((memberId) => ({ memberId, at: new Date(pastStart.getTime() - 2 * DAY) })),
      attended: 1,
      creditedMinutes: credited,
    }),
  ])

  const stay = (memberId: string, out: Date | null) => ({
    _id: attendanceId('shift', S.past, memberId),
    kind: 'shift',
    eventId: S.past,
    memberId,
    method: 'scan',
    by: null,
    location: null,
    at: new Date(pastStart.getTime() - 5 * 60_000),
    walkIn: false,
    checkedOutAt: out,
    outMethod: out ? 'scan' : null,
    outBy: null,
    minutes: out ? credited : null,
    creditedMinutes: out ? credited : null,
  })
  const outAt = new Date(pastStart.getTime() + (credited - 5) * 60_000)
  await add('attendance', [stay(servedId, outAt), stay(openId, null)])
  // The credited stay earned its service points, as a check-out does: an entry and its balance.
  const points = servicePoints(credited, DEFAULT_SETTINGS.points.perServiceHour)
  const source = `checkin:${attendanceId('shift', S.past, servedId)}`
  await add('pointEntries', [{ _id: entryId(servedId, source), memberId: servedId, amount: points, kind: 'service', source, label: `志愿服务 ${credited} 分钟`, reason: null, by: null, at: outAt, seq: 1, balanceAfter: points }])
  await add('pointBalances', [{ _id: balanceId(servedId), memberId: servedId, balance: points, entries: 1, day: chinaDay(outAt), earned: { service: points }, updatedAt: outAt }])
  await add('volunteerTotals', [{ _id: totalsId(servedId), memberId: servedId, creditedMinutes: credited, honourMinutes: 0, honourByYear: {}, star: 0, starAwards: [], updatedAt: outAt }])

  await add('volunteerHonours', [
    { _id: honourId(S.past, servedId), shiftId: S.past, memberId: servedId, minutes: 30, reason: '提前到场布置，手机没电未能签到', status: 'pending', addedBy: lead, addedAt: new Date(now.getTime() - 2 * DAY), decidedBy: null, decidedAt: null, declineReason: null },
  ])
  await add('volunteerCorrections', [
    {
      _id: correctionId(S.past, openId),
      shiftId: S.past,
      memberId: openId,
      request: '那天服务到 11 点，离开时忘记扫码签退',
      minutesBefore: 0,
      status: 'pending',
      requestedAt: new Date(now.getTime() - DAY),
      answer: null,
      minutesAfter: null,
      answeredBy: null,
      answeredAt: null,
      history: [],
    },
  ])
  await add('volunteerCertificates', [
    {
      _id: certificateId(C, S.certificateCode),
      memberId: servedId,
      number: `ZM${chinaDay(now).slice(0, 4)}000001`,
      code: S.certificateCode,
      realName: served.name,
      idMasked: '3502**********0528',
      volunteerNumber: 'ZY000002',
      creditedMinutes: credited,
      honourMinutes: 0,
      records: [{ shiftId: S.past, project: '关爱独居老人', date: chinaDay(pastStart), place: '鹭江社区服务中心', content: '上门探访、陪伴聊天、检查用电安全', minutes: credited }],
      organisation: `${DEMO_COMMUNITY.name}居民委员会`,
      fileID: null,
      issuedAt: new Date(now.getTime() - DAY),
    },
  ])
  await add('volunteerCounters', [{ _id: `${C}:certificates-${chinaDay(now).slice(0, 4)}`, next: 2 }])
  return documents
}
