/** Every action and timer job the `api` function serves. New modules register here. */
import type { ActionDef, TimerJob } from './platform/action'
import {
  communityStructure,
  getSettings,
  inviteQr,
  joinCommunity,
  lookupCommunity,
  saveBuilding,
  updateSettings,
} from './modules/community'
import {
  consent,
  deleteAccount,
  exportData,
  getMe,
  leaveCommunity,
  registerHousehold,
  setContact,
  setPreferences,
  switchCommunity,
  updateProfile,
} from './modules/me'
import { grantRole, listMembers, revokeRole, verifyMember } from './modules/members'
import { attendees, checkinScan, checkinToken, markAttendance, personalCode, scanAttendee } from './modules/checkin'
import {
  addComment,
  cancelMeeting,
  cancelRegistration,
  cosignIssue,
  createIssue,
  getIssue,
  getMeeting,
  listComments,
  listIssues,
  listMeetings,
  listTopics,
  pendingComments,
  recordMinutes,
  registerMeeting,
  remindMeetings,
  reportComment,
  reviewComment,
  scheduleMeeting,
  triageIssue,
  updateMeeting,
} from './modules/council'
import { listMessages, markRead, recordSubscription, subscriptionStatus } from './modules/messages'
import { streetOverview } from './modules/street'
import { closePublicity, listNotices } from './modules/notices'
import { describeAction, ping } from './modules/system'

const describe = describeAction(() => ALL_ACTIONS)

/** Keyed by action name; the contract's types are read from this object. */
export const registry = {
  'system.ping': ping,
  'system.describe': describe,
  'me.get': getMe,
  'me.switchCommunity': switchCommunity,
  'me.registerHousehold': registerHousehold,
  'me.setContact': setContact,
  'me.updateProfile': updateProfile,
  'me.setPreferences': setPreferences,
  'me.consent': consent,
  'me.export': exportData,
  'me.leave': leaveCommunity,
  'me.delete': deleteAccount,
  'community.lookup': lookupCommunity,
  'community.structure': communityStructure,
  'community.join': joinCommunity,
  'community.settings.get': getSettings,
  'community.settings.update': updateSettings,
  'community.building.save': saveBuilding,
  'community.inviteQr': inviteQr,
  'member.list': listMembers,
  'member.verify': verifyMember,
  'member.grantRole': grantRole,
  'member.revokeRole': revokeRole,
  'street.overview': streetOverview,
  'notice.list': listNotices,
  'message.list': listMessages,
  'message.markRead': markRead,
  'subscription.record': recordSubscription,
  'subscription.status': subscriptionStatus,
  'council.issue.create': createIssue,
  'council.issue.list': listIssues,
  'council.issue.get': getIssue,
  'council.issue.cosign': cosignIssue,
  'council.issue.triage': triageIssue,
  'council.topic.list': listTopics,
  'council.meeting.schedule': scheduleMeeting,
  'council.meeting.list': listMeetings,
  'council.meeting.get': getMeeting,
  'council.meeting.register': registerMeeting,
  'council.meeting.cancelRegistration': cancelRegistration,
  'council.meeting.minutes': recordMinutes,
  'council.meeting.update': updateMeeting,
  'council.meeting.cancel': cancelMeeting,
  'council.comment.add': addComment,
  'council.comment.list': listComments,
  'council.comment.report': reportComment,
  'council.comment.pending': pendingComments,
  'council.comment.review': reviewComment,
  'checkin.token': checkinToken,
  'checkin.scan': checkinScan,
  'checkin.personalCode': personalCode,
  'checkin.scanAttendee': scanAttendee,
  'checkin.mark': markAttendance,
  'checkin.attendees': attendees,
} as const

export const ALL_ACTIONS: ReadonlyArray<ActionDef> = Object.values(registry) as unknown as ActionDef[]

export const TIMER_JOBS: ReadonlyArray<TimerJob> = [closePublicity, remindMeetings]
