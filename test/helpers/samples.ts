/** A valid input for each action, aimed at the newcomer of building 3 where a target is needed. */
import { membershipId } from '../../cloudfunctions/api/src/platform/roles'
import { DEV_CHECKIN_SECRET, issueToken } from '../../cloudfunctions/api/src/platform/checkin'
import { DEMO_COMMUNITY } from '../../local/seed/data'
import { SEED_COMMENTS, SEED_ISSUES, SEED_MEETINGS, SEED_PHOTO_PATH, SEED_REVIEW_PHOTO_PATH } from '../../local/seed/council'
import { SEED_DECISIONS, SEED_MOTIONS, SEED_NOTICES, SEED_OBJECTIONS, SEED_TASKS } from '../../local/seed/decisions'

const C = DEMO_COMMUNITY._id
export const NEWCOMER = membershipId(C, 'demo-newcomer')
/** the tests' fixed clock (helpers/api NOW): check-in codes signed for that moment with the development secret */
const AT = new Date('2026-11-23T10:00:00+08:00')
export const MEETING_CODE = issueToken({ t: 'e', c: C, k: 'meeting', e: SEED_MEETINGS.upcoming }, AT, DEV_CHECKIN_SECRET).token
export const NEWCOMER_CODE = issueToken({ t: 'p', c: C, m: NEWCOMER }, AT, DEV_CHECKIN_SECRET).token

export const SAMPLES: Record<string, unknown> = {
  'system.ping': {},
  'system.describe': {},
  'me.get': {},
  'me.switchCommunity': { communityId: C },
  'me.registerHousehold': { householdId: `${C}:b3-2-301` },
  'me.setContact': { realName: '陈小雨', phone: '13800000000' },
  'me.updateProfile': { nickname: '小雨' },
  'me.setPreferences': { elderMode: true },
  'me.consent': { version: '2026-11' },
  'me.export': {},
  'me.leave': { communityId: C },
  'me.delete': { confirm: '注销' },
  'community.lookup': { inviteCode: 'LJ2026' },
  'community.structure': {},
  'community.join': { inviteCode: 'LJ2026', householdId: `${C}:b4-2-401`, nickname: '新邻居' },
  'community.settings.get': {},
  'community.settings.update': { settings: { cosignThreshold: 12 } },
  'community.building.save': { name: '6号楼', units: 1, floors: 2, roomsPerFloor: 2 },
  'community.inviteQr': {},
  'community.invite.reset': {},
  'member.list': {},
  'member.verify': { memberId: NEWCOMER, approve: true },
  'member.grantRole': { memberId: NEWCOMER, role: 'volunteer' },
  'member.revokeRole': { memberId: NEWCOMER, role: 'volunteer' },
  'street.overview': {},
  'notice.list': { limit: 3 },
  'notice.get': { noticeId: SEED_NOTICES.elevator },
  'notice.publish': { title: '12 月议事会安排', body: '12 月 5 日晚 7 点半在社区活动室召开议事会，欢迎居民参加。', category: 'announcement', publicDays: 3 },
  'notice.object': { noticeId: SEED_NOTICES.elevator, text: '费用分摊系数能否再公布详细计算方法？' },
  'notice.answerObjection': { objectionId: SEED_OBJECTIONS.pending, answer: '明细已附在公告后，分为灭火器更换和消防栓检修两项。' },
  'message.list': { limit: 5 },
  'message.markRead': {},
  'subscription.record': { accepted: ['issueUpdate'] },
  'subscription.status': {},
  'council.issue.create': { title: '单元门禁经常失灵', body: '3号楼 1 单元门禁刷卡经常没反应，老人进出不方便。', category: 'facility' },
  'council.issue.list': { limit: 5 },
  'council.issue.get': { issueId: SEED_ISSUES.stairLights },
  'council.issue.cosign': { issueId: SEED_ISSUES.stairLights },
  'council.issue.triage': { issueId: SEED_ISSUES.chargers, decision: 'accept', reply: '列为议题，下次议事会讨论' },
  'council.topic.list': { limit: 5 },
  'council.meeting.schedule': { title: '12 月居民议事会', startAt: '2026-12-05T19:30:00+08:00', endAt: '2026-12-05T21:00:00+08:00', place: '社区活动室', capacity: 30, topicIds: [`${SEED_ISSUES.bikeShed}:topic`] },
  'council.meeting.list': {},
  'council.meeting.get': { meetingId: SEED_MEETINGS.upcoming },
  'council.meeting.register': { meetingId: SEED_MEETINGS.upcoming },
  'council.meeting.cancelRegistration': { meetingId: SEED_MEETINGS.upcoming },
  'council.meeting.minutes': { meetingId: SEED_MEETINGS.past, minutes: '补充：电梯费用分摊方案附后，请 3 号楼住户查阅。' },
  'council.meeting.update': { meetingId: SEED_MEETINGS.upcoming, capacity: 25 },
  'council.meeting.cancel': { meetingId: SEED_MEETINGS.upcoming, reason: '会议室临时检修，改期另行通知' },
  'council.meeting.registrants': { meetingId: SEED_MEETINGS.upcoming },
  'council.comment.add': { topicId: `${SEED_ISSUES.squareDance}:topic`, text: '我家孩子晚上要上网课，希望 9 点后小声一点。' },
  'council.comment.list': { topicId: `${SEED_ISSUES.squareDance}:topic` },
  'council.comment.report': { commentId: SEED_COMMENTS.first, reason: '人身攻击' },
  'council.comment.pending': {},
  'council.comment.review': { commentId: SEED_COMMENTS.hidden, decision: 'restore' },
  'checkin.token': { kind: 'meeting', eventId: SEED_MEETINGS.upcoming },
  'checkin.scan': { token: MEETING_CODE },
  'checkin.personalCode': {},
  'checkin.scanAttendee': { kind: 'meeting', eventId: SEED_MEETINGS.upcoming, token: NEWCOMER_CODE },
  'checkin.mark': { kind: 'meeting', eventId: SEED_MEETINGS.upcoming, memberId: NEWCOMER },
  'checkin.attendees': { kind: 'meeting', eventId: SEED_MEETINGS.upcoming },
  'points.mine': {},
  'points.adjust': { memberId: NEWCOMER, amount: 5, reason: '补记社区消防演练的志愿服务' },
  'points.ledger': { memberId: NEWCOMER },
  'council.motion.create': { title: '自行车棚顶棚更换方案', description: '更换 5 号楼旁自行车棚顶棚，采用阳光板，费用由公共收益列支。', topicId: `${SEED_ISSUES.bikeShed}:topic`, closesAt: '2026-11-30T20:00:00+08:00' },
  'council.motion.list': {},
  'council.motion.get': { motionId: SEED_MOTIONS.chargers },
  'council.motion.vote': { motionId: SEED_MOTIONS.chargers, option: 1 },
  'council.motion.close': { motionId: SEED_MOTIONS.chargers },
  'council.decision.get': { decisionId: SEED_DECISIONS.elevator },
  'council.task.create': { decisionId: SEED_DECISIONS.elevator, title: '电梯费用分摊收缴', description: '按楼层系数向 3 号楼二楼以上住户收缴电梯加装费用，专户管理。', ownerId: membershipId(C, 'demo-lead3'), deadline: '2027-03-31T18:00:00+08:00' },
  'council.task.list': {},
  'council.task.get': { taskId: SEED_TASKS.westGateLights },
  // 3号楼加装电梯施工 is demo-lead3's task: its owner and the committee may post progress, no one else.
  'council.task.update': { taskId: SEED_TASKS.elevatorWorks, text: '规划审批已通过，施工单位进场搭设围挡。', progress: 30 },
  'council.task.addExpense': { taskId: SEED_TASKS.westGateLights, item: '灯杆基础浇筑', amountFen: 150000 },
  'council.task.escalate': { taskId: SEED_TASKS.westGateLights, tier: 2, reason: '西门外路段属于市政道路，需要街道协调城管部门' },
  'council.task.complete': { taskId: SEED_TASKS.westGateLights, summary: '12 盏路灯全部安装通电，西门路段夜间照明达标。' },
  'council.task.rate': { taskId: SEED_TASKS.sortingKiosk, rating: 'satisfied', comment: '异味基本没有了' },
  // The test emulator's environment is `local`: its fileIDs are cloud://local.<bucket>/<path>.
  'council.photo.remove': { place: 'issue', id: SEED_ISSUES.westGate, fileId: `cloud://local.6c6f-local-1300000000/${SEED_PHOTO_PATH}`, reason: '照片里有邻居家的门牌号' },
  'council.photo.approve': { place: 'issue', id: SEED_ISSUES.stairLights, fileId: `cloud://local.6c6f-local-1300000000/${SEED_REVIEW_PHOTO_PATH}` },
}

