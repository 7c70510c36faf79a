/** 厝边议事厅, first half: 听邻说事 (issues, co-signs, triage) and 请邻议事 (topics, meetings, discussion). */
import { ScopedDb } from '../../platform/db'
import { registerPersonalData } from '../../platform/personal'
import type { Comment, Cosign, Issue, Registration } from './model'

export { createIssue, listIssues, getIssue, cosignIssue, triageIssue } from './issues'
export { listTopics, scheduleMeeting, listMeetings, getMeeting, registerMeeting, cancelRegistration, recordMinutes, cancelMeeting, updateMeeting, meetingRegistrants, remindMeetings } from './meetings'
export { addComment, listComments, reportComment, pendingComments, reviewComment } from './discussion'

registerPersonalData({
  name: 'council',
  async export(services, m) {
    const db = new ScopedDb(services.raw, m.communityId)
    const by = { orderBy: [['createdAt', 'desc']] as Array<[string, 'desc']>, limit: 1000 }
    const [issues, cosigns, comments, registrations] = await Promise.all([
      db.collection<Issue>('issues').find({ authorId: m._id }, by),
      db.collection<Cosign>('cosigns').find({ memberId: m._id }, { orderBy: [['at', 'desc']], limit: 1000 }),
      db.collection<Comment>('comments').find({ authorId: m._id }, by),
      db.collection<Registration>('registrations').find({ memberId: m._id }, { orderBy: [['at', 'desc']], limit: 1000 }),
    ])
    return {
      issues: issues.map((i) => ({ id: i._id, title: i.title, body: i.body, category: i.category, photos: i.photos, status: i.status, createdAt: i.createdAt })),
      cosigns: cosigns.map((c) => ({ issueId: c.issueId, at: c.at })),
      comments: comments.map((c) => ({ topicId: c.topicId, text: c.text, status: c.status, createdAt: c.createdAt })),
      meetingRegistrations: registrations.map((r) => ({ meetingId: r.meetingId, at: r.at })),
    }
  },
})
