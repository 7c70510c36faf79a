/**
 * 厝边议事厅: every `council.*` action. 听邻说事 (issues, co-signs, triage), 请邻议事
 * (topics, meetings, discussion), 表决 and 决议 (motions), 帮邻办事 and 由邻评事 (tasks,
 * ratings), and the committee's take-down of published photos. 让邻知事 is modules/notice.
 */
import { registerPersonalData } from '../../platform/personal'
import type { Objection } from '../notice'
import { getDecision } from './decision'
import { addComment, listComments, pendingComments, reportComment, reviewComment } from './discussion'
import { cosignForAction, cosignIssue, createIssue, getIssue, listIssues, triageIssue } from './issues'
import {
  cancelMeeting,
  cancelRegistration,
  getMeeting,
  listMeetings,
  listTopics,
  meetingRegistrants,
  recordMinutes,
  registerMeeting,
  remindMeetings,
  scheduleMeeting,
  updateMeeting,
} from './meetings'
import type { Comment, Issue, Meeting } from './model'
import { closeMotionAction, createMotion, getMotion, listMotions, runMotions, vote } from './motions'
import { listPaperBallots, paperVoters, recordPaperBallot } from './paper'
import { approvePhoto, removePhoto, sweepPhotos } from './photos'
import { addExpense, completeTask, createTask, escalateTask, getTask, listTasks, rateForAction, rateTask, updateTask, type RatingDoc } from './tasks'

export const actions = [
  createIssue,
  listIssues,
  getIssue,
  cosignIssue,
  cosignForAction,
  triageIssue,
  listTopics,
  scheduleMeeting,
  listMeetings,
  getMeeting,
  registerMeeting,
  cancelRegistration,
  recordMinutes,
  updateMeeting,
  cancelMeeting,
  meetingRegistrants,
  addComment,
  listComments,
  reportComment,
  pendingComments,
  reviewComment,
  createMotion,
  listMotions,
  getMotion,
  vote,
  closeMotionAction,
  recordPaperBallot,
  listPaperBallots,
  paperVoters,
  getDecision,
  createTask,
  listTasks,
  getTask,
  updateTask,
  addExpense,
  escalateTask,
  completeTask,
  rateTask,
  rateForAction,
  removePhoto,
  approvePhoto,
] as const

export const timers = [remindMeetings, runMotions, sweepPhotos] as const

registerPersonalData({
  name: 'council',
  async export(db, m) {
    const by = { orderBy: [['createdAt', 'desc']] as Array<[string, 'desc']>, limit: 1000 }
    // Co-signs and registrations live on the matter and the meeting; only this person's entry of each is exported.
    const [issues, cosigned, comments, registered] = await Promise.all([
      db.collection<Issue>('issues').find({ authorId: m._id }, by),
      db.collection<Issue>('issues').find({ 'cosigners.memberId': m._id }, { limit: 1000, fields: { cosigners: true } }),
      db.collection<Comment>('comments').find({ authorId: m._id }, by),
      db.collection<Meeting>('meetings').find({ 'registrants.memberId': m._id }, { limit: 1000, fields: { registrants: true } }),
    ])
    const newestFirst = <T extends { at: Date }>(rows: T[]) => rows.sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime())
    const cosigns = cosigned.flatMap((i) => i.cosigners.filter((c) => c.memberId === m._id).map((c) => ({ issueId: i._id, at: c.at })))
    const registrations = registered.flatMap((x) => x.registrants.filter((r) => r.memberId === m._id).map((r) => ({ meetingId: x._id, at: r.at })))
    return {
      issues: issues.map((i) => ({ id: i._id, title: i.title, body: i.body, category: i.category, photos: i.photos, status: i.status, createdAt: i.createdAt })),
      cosigns: newestFirst(cosigns),
      comments: comments.map((c) => ({ topicId: c.topicId, text: c.text, status: c.status, createdAt: c.createdAt })),
      meetingRegistrations: newestFirst(registrations),
    }
  },
})

/**
 * A person's ratings and objections. Ballots are left out on purpose: a secret
 * ballot keeps nothing that could be exported, and an open one only what
 * council.motion.get already shows its voter.
 */
registerPersonalData({
  name: 'evaluation',
  async export(db, m) {
    const [ratings, objections] = await Promise.all([
      db.collection<RatingDoc>('ratings').find({ memberId: m._id }, { orderBy: [['createdAt', 'desc']], limit: 1000 }),
      db.collection<Objection>('objections').find({ authorId: m._id }, { orderBy: [['createdAt', 'desc']], limit: 1000 }),
    ])
    return {
      ratings: ratings.map((r) => ({ taskId: r.taskId, rating: r.rating, comment: r.comment, createdAt: r.createdAt })),
      objections: objections.map((o) => ({ noticeId: o.noticeId, text: o.text, answer: o.answer, createdAt: o.createdAt })),
    }
  },
})
