/**
 * The demo's 议事厅: matters in every state (open with co-signs, candidate,
 * accepted on an agenda, answered, merged, declined), a past 议事会 with
 * attendance (its attendees credited their points) and minutes, an upcoming one (starting in two hours, check-in open)
 * with agenda and registrations, and discussions including a comment hidden by
 * three reports. Deterministic ids, so tests and screenshots can name them.
 */
import type { CloudBase } from '@cloudbase/node-sdk'
import { PNG } from 'pngjs'
import { attendanceId } from '../../cloudfunctions/api/src/platform/checkin'
import { balanceId, chinaDay, entryId } from '../../cloudfunctions/api/src/platform/points'
import { membershipId } from '../../cloudfunctions/api/src/platform/roles'
import { uploadPrefix } from '../../cloudfunctions/api/src/platform/files'
import { pageLink } from '../../cloudfunctions/api/src/platform/links'
import { maskName } from '../../cloudfunctions/api/src/platform/privacy'
import { DEFAULT_SETTINGS } from '../../cloudfunctions/api/src/platform/settings'
import { reportId, topicIdOf, type CosignEntry, type Registrant } from '../../cloudfunctions/api/src/modules/council/model'
import { DEMO_COMMUNITY, PERSONAS, neighbours } from './data'

const C = DEMO_COMMUNITY._id
const DAY = 86_400_000
const HOUR = 3_600_000

export const SEED_ISSUES = {
  /** open, collecting co-signs (a neighbour's) */
  stairLights: `${C}:issue-s1`,
  /** open, raised by demo-resident */
  westGate: `${C}:issue-s2`,
  /** candidate: reached the threshold, awaiting the committee */
  chargers: `${C}:issue-s3`,
  /** accepted, on the upcoming meeting's agenda */
  squareDance: `${C}:issue-s4`,
  /** accepted, discussed at the past meeting */
  elevator: `${C}:issue-s5`,
  /** accepted, not yet on an agenda */
  bikeShed: `${C}:issue-s6`,
  answered: `${C}:issue-s7`,
  merged: `${C}:issue-s8`,
  declined: `${C}:issue-s9`,
}
export const SEED_MEETINGS = { past: `${C}:meeting-s1`, upcoming: `${C}:meeting-s2` }
export const SEED_COMMENTS = { first: `${C}:comment-s1`, reply: `${C}:comment-s2`, volunteer: `${C}:comment-s3`, hidden: `${C}:comment-s4`, elevator: `${C}:comment-s5` }

/** A photo the seed stores with 「小区西门晚上太暗」 in its author's place, so matters show pictures from the start. */
export const SEED_PHOTO_PATH = `${uploadPrefix(C, membershipId(C, 'demo-resident'))}issues/seed-west-gate.png`

/**
 * A photo of 「3号楼楼道声控灯坏了好几盏」 that WeChat's image check asked a person to
 * look at: held for the committee (待复核), who may let it through or take it down.
 */
export const SEED_REVIEW_PHOTO_PATH = `${uploadPrefix(C, membershipId(C, neighbours()[12].openid))}issues/seed-stairwell.png`

/** A dusky scene with one weak lamp at (x, y), drawn here (no binary files in the repository). */
function duskPhoto(lampX = 60, lampY = 40): Buffer {
  const [w, h] = [240, 160]
  const png = new PNG({ width: w, height: h })
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4
      const glow = Math.max(0, 60 - Math.hypot(x - lampX, y - lampY)) * 2
      const road = y > 110 ? 18 : 0
      png.data[i] = Math.min(255, 20 + road + glow * 1.1)
      png.data[i + 1] = Math.min(255, 24 + road + glow)
      png.data[i + 2] = Math.min(255, 48 + road / 2 + glow * 0.5)
      png.data[i + 3] = 255
    }
  }
  return PNG.sync.write(png)
}

/** A photo of a paper ballot the committee took at the meeting, in its own place, ready to be recorded (纸质票). */
export const SEED_PAPER_PHOTO_PATH = `${uploadPrefix(C, membershipId(C, 'demo-committee'))}ballots/seed-paper-ballot.png`

export async function seedCouncil(app: CloudBase, now: Date): Promise<number> {
  const db = app.database()
  await app.uploadFile({ cloudPath: SEED_PAPER_PHOTO_PATH, fileContent: duskPhoto(120, 60) })
  const westGatePhotoId = (await app.uploadFile({ cloudPath: SEED_PHOTO_PATH, fileContent: duskPhoto() })).fileID as string
  const stairwellPhotoId = (await app.uploadFile({ cloudPath: SEED_REVIEW_PHOTO_PATH, fileContent: duskPhoto(200, 20) })).fileID as string
  const ago = (days: number, hours = 0) => new Date(now.getTime() - days * DAY - hours * HOUR)
  const people = neighbours()
  const member = (openid: string) => membershipId(C, openid)
  // The committee answered 13 days ago, naming a start a week after that (China time): the date moves with the seed's now.
  const startsOn = new Date(ago(6).getTime() + 8 * HOUR)
  const garbageAnswer = `已与环卫所沟通，自 ${startsOn.getUTCMonth() + 1} 月 ${startsOn.getUTCDate()} 日起清运时间提前到早上 6:30。`
  const neighbour = (n: number) => ({ id: member(people[n - 1].openid), name: people[n - 1].name })
  const persona = (openid: string) => ({ id: member(openid), name: PERSONAS.find((p) => p.openid === openid)!.name })
  const threshold = DEFAULT_SETTINGS.cosignThreshold
  let documents = 0
  const add = async (collection: string, docs: Array<Record<string, unknown>>) => {
    if (docs.length) await db.collection(collection).add(docs.map((d) => ({ ...d, communityId: C })))
    documents += docs.length
  }

  const sign = (signers: Array<{ id: string }>, daysAgo: number, via: string | null = null): CosignEntry[] =>
    signers.map((s, i) => ({ memberId: s.id, at: ago(daysAgo - i * 0.1), via }))
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => neighbour(from + i))
  const t = (kind: string, at: Date, by: string, note: string | null = null) => ({ kind, at, by, note })

  const issue = (id: string, f: { title: string; body: string; category: string; author: { id: string; name: string }; building: number; daysAgo: number; status: string; cosigners: CosignEntry[]; timeline: unknown[]; extra?: Record<string, unknown> }) => ({
    _id: id,
    title: f.title,
    body: f.body,
    category: f.category,
    photos: [],
    publicPhotos: [],
    reviewPhotos: [],
    buildingId: `${C}:b${f.building}`,
    authorId: f.author.id,
    authorName: maskName(f.author.name),
    status: f.status,
    cosigns: f.cosigners.length,
    cosigners: f.cosigners,
    cosignThreshold: threshold,
    answer: null,
    declineReason: null,
    mergedInto: null,
    topicId: null,
    meetingId: null,
    timeline: [t('raised', ago(f.daysAgo), '居民'), ...f.timeline],
    createdAt: ago(f.daysAgo),
    updatedAt: ago(Math.max(0, f.daysAgo - 1)),
    ...f.extra,
  })

  const I = SEED_ISSUES
  const M = SEED_MEETINGS
  const upcomingStart = new Date(now.getTime() + 2 * HOUR)
  const pastStart = ago(8, -11)
  // Named by their China day, so a title never disagrees with the date beside it
  // whenever the demo is seeded.
  const chinaMonthDay = (at: Date) => {
    const [, m, d] = chinaDay(at).split('-').map(Number)
    return `${m} 月 ${d} 日`
  }
  const pastTitle = `${chinaMonthDay(pastStart)}居民议事会`
  const upcomingTitle = `${chinaMonthDay(upcomingStart)}居民议事会`
  const issues = [
    issue(I.stairLights, {
      title: '3号楼楼道声控灯坏了好几盏',
      body: '3号楼 2 单元 2 到 4 楼的声控灯坏了一个多星期，晚上老人上下楼很不安全，希望尽快维修。',
      category: 'facility',
      author: neighbour(13),
      building: 3,
      daysAgo: 3,
      status: 'open',
      cosigners: sign(range(1, 4), 3),
      timeline: [],
      extra: { photos: [stairwellPhotoId], reviewPhotos: [stairwellPhotoId] },
    }),
    issue(I.westGate, {
      title: '小区西门晚上太暗',
      body: '西门到菜市场那段路没有路灯，晚上下班回来黑漆漆的，建议加装两盏路灯。',
      category: 'safety',
      author: persona('demo-resident'),
      building: 1,
      daysAgo: 2,
      status: 'open',
      cosigners: sign(range(5, 7), 2),
      timeline: [],
      // Published: as if WeChat's image check had passed it.
      extra: { photos: [westGatePhotoId], publicPhotos: [westGatePhotoId] },
    }),
    issue(I.chargers, {
      title: '电动车充电桩不够用',
      body: '小区只有 6 个充电口，晚上排队充电，有人把电瓶拎回家充，存在火灾隐患。建议在自行车棚加装充电桩。',
      category: 'safety',
      author: neighbour(8),
      building: 2,
      daysAgo: 6,
      status: 'candidate',
      cosigners: sign(range(9, 18), 6),
      timeline: [t('candidate', ago(4), '系统', `附议达到 ${threshold} 人，成为候选议题`), t('absorbed', ago(3), '居委会', '合并了「充电口经常被占」，带来 1 位附议')],
    }),
    issue(I.squareDance, {
      title: '晚上广场舞音响太吵',
      body: '每天晚上 8 点到 10 点中心广场的音响声音很大，影响学生写作业和老人休息，希望商量一个时间和音量。',
      category: 'neighbourhood',
      author: neighbour(14),
      building: 3,
      daysAgo: 12,
      status: 'accepted',
      cosigners: sign(range(19, 30), 12),
      timeline: [t('candidate', ago(10), '系统', `附议达到 ${threshold} 人，成为候选议题`), t('accepted', ago(9), '居委会', '列为议题，邀请广场舞队代表参加议事会'), t('scheduled', ago(1), '居委会', `列入「${upcomingTitle}」议程`)],
      extra: { topicId: topicIdOf(I.squareDance), meetingId: M.upcoming },
    }),
    issue(I.elevator, {
      title: '3号楼加装电梯',
      body: '3号楼老人多，爬楼困难，大部分住户同意加装电梯，希望社区牵头协调低层住户和费用分摊。',
      category: 'facility',
      author: persona('demo-lead3'),
      building: 3,
      daysAgo: 30,
      status: 'accepted',
      cosigners: sign(range(1, 12), 30),
      timeline: [t('candidate', ago(27), '系统', `附议达到 ${threshold} 人，成为候选议题`), t('accepted', ago(25), '居委会', '列为议题'), t('scheduled', ago(20), '居委会', `列入「${pastTitle}」议程`), t('discussed', ago(7), '居委会', `「${pastTitle}」已讨论，纪要已公开`)],
      extra: { topicId: topicIdOf(I.elevator), meetingId: M.past },
    }),
    issue(I.bikeShed, {
      title: '自行车棚顶棚漏雨',
      body: '5号楼旁的自行车棚顶棚破了几处，下雨天车座全湿，建议更换顶棚。',
      category: 'facility',
      author: neighbour(20),
      building: 5,
      daysAgo: 9,
      status: 'accepted',
      cosigners: sign(range(21, 25), 9),
      timeline: [t('accepted', ago(5), '居委会', '列为议题，等待排期')],
      extra: { topicId: topicIdOf(I.bikeShed) },
    }),
    issue(I.answered, {
      title: '垃圾清运时间能不能提前',
      body: '垃圾车每天早上 7 点半才来，夏天垃圾桶味道很大，能不能提前到 6 点？',
      category: 'environment',
      author: neighbour(2),
      building: 1,
      daysAgo: 15,
      status: 'answered',
      cosigners: sign(range(3, 5), 15),
      timeline: [t('answered', ago(13), '居委会', garbageAnswer)],
      extra: { answer: garbageAnswer },
    }),
    issue(I.merged, {
      title: '充电口经常被占',
      body: '充电口被充满电的车一直占着，别人充不了。',
      category: 'safety',
      author: neighbour(19),
      building: 4,
      daysAgo: 5,
      status: 'merged',
      cosigners: [],
      timeline: [t('merged', ago(3), '居委会', '合并到「电动车充电桩不够用」')],
      extra: { mergedInto: I.chargers },
    }),
    issue(I.declined, {
      title: '希望允许在绿地里种菜',
      body: '楼下绿地空着可惜，希望允许居民认领种菜。',
      category: 'environment',
      author: neighbour(26),
      building: 5,
      daysAgo: 20,
      status: 'declined',
      cosigners: sign(range(27, 28), 20),
      timeline: [t('declined', ago(18), '居委会', '小区绿地属于公共绿化，依规不能改作菜地；社区正在筹建「共享小菜园」，届时欢迎报名。')],
      extra: { declineReason: '小区绿地属于公共绿化，依规不能改作菜地；社区正在筹建「共享小菜园」，届时欢迎报名。' },
    }),
  ]
  // The merged matter's author co-signs the target, as a merge carries them over.
  const chargers = issues.find((i) => i._id === I.chargers)!
  chargers.cosigners.push(...sign([neighbour(19)], 3, I.merged))
  chargers.cosigns = chargers.cosigners.length
  await add('issues', issues)
  const signers = [...new Set(issues.flatMap((i) => i.cosigners.map((c) => c.memberId)))]
  await db.collection('memberships').where({ _id: db.command.in(signers) }).update({ cosignedIssues: true })
  // The news the committee got when 充电桩 reached the threshold (as council.issue.cosign
  // sends it), still unread: the README's walk starts from it.
  await add(
    'messages',
    ['demo-committee', 'demo-admin'].map((openid) => ({
      _id: `${member(openid)}:msg:issue-candidate-${I.chargers}`,
      memberId: member(openid),
      kind: 'issue.candidate',
      title: '新的候选议题',
      body: `「电动车充电桩不够用」附议已达 ${threshold} 人，请居委会研究处理`,
      link: pageLink('issue', { id: I.chargers }),
      read: false,
      createdAt: ago(4),
    })),
  )

  await add('topics', [
    { _id: topicIdOf(I.squareDance), issueId: I.squareDance, title: '晚上广场舞音响太吵', summary: '商量广场舞的时间和音量', status: 'scheduled', meetingId: M.upcoming, comments: 4, createdAt: ago(9) },
    { _id: topicIdOf(I.elevator), issueId: I.elevator, title: '3号楼加装电梯', summary: '协调低层住户意见和费用分摊', status: 'discussed', meetingId: M.past, comments: 1, createdAt: ago(25) },
    { _id: topicIdOf(I.bikeShed), issueId: I.bikeShed, title: '自行车棚顶棚漏雨', summary: '更换 5 号楼旁自行车棚顶棚', status: 'pending', meetingId: null, comments: 0, createdAt: ago(5) },
  ])

  const pastAttendees = [...range(1, 8).map((n) => n.id), member('demo-lead3')]
  const pastRegistered = [...pastAttendees, ...range(9, 11).map((n) => n.id)]
  const upcomingRegistered = [member('demo-volunteer'), member('demo-lead'), ...range(14, 17).map((n) => n.id)]
  const seats = (people: string[], daysAgo: number): Registrant[] => people.map((memberId, i) => ({ memberId, at: ago(daysAgo, -i) }))
  await add('meetings', [
    {
      _id: M.past,
      title: pastTitle,
      startAt: pastStart,
      endAt: new Date(pastStart.getTime() + 2 * HOUR),
      place: '社区党群服务中心二楼会议室',
      capacity: 30,
      seatsLeft: 30 - pastRegistered.length,
      registered: pastRegistered.length,
      registrants: seats(pastRegistered, 15),
      attended: pastAttendees.length,
      topicIds: [topicIdOf(I.elevator)],
      note: '请 3 号楼住户尽量参加',
      status: 'held',
      minutes: '出席居民 9 人。3号楼加装电梯：低层住户代表提出采光和噪音顾虑，经协商，电梯井选在北侧，费用按楼层系数分摊，一楼不出资。会议决定提交 3 号楼全体住户表决。',
      minutesAt: ago(7),
      reminded: true,
      createdAt: ago(20),
    },
    {
      _id: M.upcoming,
      title: upcomingTitle,
      startAt: upcomingStart,
      endAt: new Date(upcomingStart.getTime() + 2 * HOUR),
      place: '社区党群服务中心二楼会议室',
      capacity: 20,
      seatsLeft: 20 - upcomingRegistered.length,
      registered: upcomingRegistered.length,
      registrants: seats(upcomingRegistered, 1),
      attended: 0,
      topicIds: [topicIdOf(I.squareDance)],
      note: '已邀请广场舞队代表参加',
      status: 'scheduled',
      minutes: null,
      minutesAt: null,
      reminded: false,
      createdAt: ago(1),
    },
  ])
  const checkedInAt = (i: number) => new Date(pastStart.getTime() - 10 * 60_000 + i * 60_000)
  await add(
    'attendance',
    pastAttendees.map((m, i) => ({
      _id: attendanceId('meeting', M.past, m),
      kind: 'meeting',
      eventId: M.past,
      memberId: m,
      method: 'scan',
      by: null,
      location: null,
      at: checkedInAt(i),
      walkIn: false,
      checkedOutAt: null,
      outMethod: null,
      outBy: null,
      minutes: null,
    })),
  )
  // Each of them was credited the default points per attendance, as a check-in does: an entry and its balance.
  const perAttendance = DEFAULT_SETTINGS.points.perAttendance
  await add(
    'pointEntries',
    pastAttendees.map((m, i) => ({
      _id: entryId(m, `checkin:${attendanceId('meeting', M.past, m)}`),
      memberId: m,
      amount: perAttendance,
      kind: 'attendance',
      source: `checkin:${attendanceId('meeting', M.past, m)}`,
      label: '议事会签到',
      reason: null,
      by: null,
      at: checkedInAt(i),
      seq: 1,
      balanceAfter: perAttendance,
    })),
  )
  await add(
    'pointBalances',
    pastAttendees.map((m, i) => ({ _id: balanceId(m), memberId: m, balance: perAttendance, entries: 1, day: chinaDay(checkedInAt(i)), earned: { attendance: perAttendance }, updatedAt: checkedInAt(i) })),
  )

  const K = SEED_COMMENTS
  const comment = (id: string, topic: string, author: { id: string; name: string }, text: string, hoursAgo: number, extra: Record<string, unknown> = {}) => ({
    _id: id,
    topicId: topic,
    authorId: author.id,
    text,
    replyTo: null,
    status: 'visible',
    reports: 0,
    createdAt: ago(0, hoursAgo),
    ...extra,
  })
  const dance = topicIdOf(I.squareDance)
  await add('comments', [
    comment(K.first, dance, neighbour(9), '建议晚上 9 点以后音量调小，周末可以适当放宽。', 20),
    comment(K.reply, dance, neighbour(14), '同意，另外音响能不能朝向广场里面，不要对着楼。', 18, { replyTo: K.first }),
    comment(K.volunteer, dance, persona('demo-volunteer'), '志愿服务队可以帮忙买一个带音量限制的音箱。', 10),
    comment(K.hidden, dance, neighbour(29), '跳舞的都是些没素质的人，直接报警算了！', 8, { status: 'hidden', reports: 3 }),
    comment(K.elevator, topicIdOf(I.elevator), neighbour(5), '一楼的意见也要听，采光问题要有方案。', 24 * 12),
  ])
  await add(
    'commentReports',
    [10, 11, 12].map((n, i) => ({ _id: reportId(K.hidden, neighbour(n).id), commentId: K.hidden, memberId: neighbour(n).id, reason: '人身攻击', at: ago(0, 7 - i) })),
  )
  return documents
}
