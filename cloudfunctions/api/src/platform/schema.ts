/**
 * Every collection and every index, declared once.
 *
 * `npm run db:apply` creates these in a CloudBase environment; the local emulator
 * reads the same list and, in strict mode, rejects a query that no declared index
 * serves — so a slow query fails in CI instead of in a 街道-wide deployment.
 *
 * An index serves a query when its leading key is constrained by the query and
 * every field the query pins by equality (or `$in`) is one of its keys. Range,
 * `$ne`, `$exists` and regex conditions on other fields are filtered after the
 * index and need no key of their own. Queries by `_id` are always served.
 */

export interface IndexSpec {
  name: string
  /** ordered keys, 1 ascending, -1 descending */
  keys: Record<string, 1 | -1>
  unique?: boolean
}

/**
 * In strict mode (local/emulator, always on in tests) every WHERE query — get,
 * count, update, remove, updateAndReturn and an aggregate's first `$match` — must be
 * served as described above. An `$or` is served when each branch, together with
 * the conditions beside the `$or`, is served. A query with no condition at all is a
 * full scan and is rejected unless the collection sets `scan`.
 */
export interface CollectionSpec {
  name: string
  indexes: IndexSpec[]
  /** small collection: any query may scan it, no index needed */
  scan?: true
}

const byCommunity = (name: string, rest: Record<string, 1 | -1> = {}): IndexSpec => ({
  name,
  keys: { communityId: 1, ...rest },
})

export const SCHEMA: CollectionSpec[] = [
  { name: 'communities', indexes: [{ name: 'by_invite', keys: { inviteCode: 1 } }] },
  { name: 'users', indexes: [] },
  /** one per community: when its alarmed sweeps next have work (platform/alarms); the frequent timer asks which have rung */
  { name: 'timerAlarms', indexes: [{ name: 'by_due', keys: { dues: 1 } }] },
  /** posters' mini-program codes (modules/share), read by their scene key only */
  { name: 'shareCodes', indexes: [] },
  /** per-user call counters (platform/ratelimit), read and written by id only */
  { name: 'rateLimits', indexes: [] },
  { name: 'buildings', indexes: [byCommunity('by_community')] },
  { name: 'households', indexes: [byCommunity('by_building', { buildingId: 1 })] },
  {
    name: 'memberships',
    indexes: [
      // One membership per person and community, found by the openid on it; leaving replaces it with a random token.
      { name: 'one_per_person', keys: { openid: 1, communityId: 1 }, unique: true },
      byCommunity('by_community_status', { status: 1, createdAt: -1 }),
      byCommunity('by_community_building', { buildingId: 1, status: 1 }),
      byCommunity('by_community_household', { householdId: 1, status: 1 }),
      byCommunity('by_community_role', { roles: 1 }),
    ],
  },
  {
    name: 'verifications',
    indexes: [byCommunity('by_member', { memberId: 1, at: -1 })],
  },
  {
    name: 'notices',
    indexes: [
      byCommunity('by_community_published', { status: 1, publishedAt: -1 }),
      { name: 'by_publicity', keys: { publicityOpen: 1, publicUntil: 1 } },
    ],
  },
  {
    name: 'auditLog',
    indexes: [
      byCommunity('by_community_time', { at: -1 }),
      byCommunity('by_actor', { actor: 1, at: -1 }),
      byCommunity('by_action', { action: 1, at: -1 }),
      // the viewer's filter by person and action together
      byCommunity('by_actor_action', { actor: 1, action: 1, at: -1 }),
    ],
  },
  {
    name: 'messages',
    indexes: [byCommunity('by_member', { memberId: 1, read: 1, createdAt: -1 })],
  },
  { name: 'subscriptions', indexes: [byCommunity('by_member', { memberId: 1 })] },
  // 厝边议事厅: matters (with their co-signers), topics, meetings (with who holds a seat), discussion
  {
    name: 'issues',
    indexes: [
      byCommunity('by_status', { status: 1, createdAt: -1 }),
      // 热议: most co-signed first
      byCommunity('by_status_cosigns', { status: 1, cosigns: -1 }),
      byCommunity('by_author', { authorId: 1, status: 1, createdAt: -1 }),
      byCommunity('by_category', { category: 1, status: 1, createdAt: -1 }),
      // a person's co-signs, for the export of their data
      byCommunity('by_cosigner', { 'cosigners.memberId': 1 }),
      // statistics (modules/stats): matters raised in a period, and those with a step in it
      byCommunity('by_created', { createdAt: 1 }),
      byCommunity('by_updated', { updatedAt: 1 }),
    ],
  },
  { name: 'topics', indexes: [byCommunity('by_status', { status: 1, createdAt: -1 })] },
  {
    name: 'meetings',
    indexes: [
      byCommunity('by_status_start', { status: 1, startAt: 1 }),
      // the alarmed reminder looks across communities
      { name: 'by_reminder', keys: { status: 1, reminded: 1, startAt: 1 } },
      // a person's registrations, for the export of their data
      byCommunity('by_registrant', { 'registrants.memberId': 1 }),
    ],
  },
  {
    name: 'comments',
    indexes: [
      byCommunity('by_topic', { topicId: 1, createdAt: 1 }),
      byCommunity('by_status', { status: 1, createdAt: 1 }),
      byCommunity('by_author', { authorId: 1, createdAt: -1 }),
    ],
  },
  { name: 'commentReports', indexes: [byCommunity('by_comment', { commentId: 1, at: 1 })] },
  // QR check-in of every event kind (meetings now; activities and volunteer shifts later)
  {
    name: 'attendance',
    indexes: [
      byCommunity('by_event', { kind: 1, eventId: 1, at: 1 }),
      byCommunity('by_member', { memberId: 1, at: -1 }),
      // one kind's records of a member: 我的志愿
      byCommunity('by_member_kind', { memberId: 1, kind: 1, at: -1 }),
      // credits owed after a scan (platform/checkin): the sweep, a member's before 我的积分, an event's before its counts
      { name: 'by_owed_member', keys: { owes: 1, communityId: 1, memberId: 1 } },
      { name: 'by_owed_event', keys: { owes: 1, communityId: 1, kind: 1, eventId: 1 } },
      // statistics: everyone's check-ins of a period
      byCommunity('by_time', { at: 1 }),
    ],
  },
  // 积分: append-only entries (id from their source) and one balance per member, rewritten by every entry
  { name: 'pointEntries', indexes: [byCommunity('by_member', { memberId: 1, seq: -1 }), byCommunity('by_time', { at: 1 })] },
  { name: 'pointBalances', indexes: [] },
  // 首页's community digest, one per community, read by id (modules/home/digest.ts)
  { name: 'digests', indexes: [] },
  // 厝边议事厅, second half: motions and their ballots, decisions, tasks, ratings, objections to notices
  {
    name: 'motions',
    indexes: [
      byCommunity('by_status', { status: 1, closesAt: 1 }),
      // the frequent timer looks across communities: due to close, due to announce
      { name: 'by_due', keys: { status: 1, closesAt: 1 } },
      { name: 'by_announce', keys: { status: 1, announced: 1, opensAt: 1 } },
      { name: 'by_unpublished', keys: { status: 1, decisionId: 1, closedAt: 1 } },
    ],
  },
  // voter documents (deterministic ids) and choice documents (random ids, no voter) of every motion
  // one ballot box per motion, read and written by id (modules/council/motions.ts)
  // by_voter: the boxes a person (or their household) took part in, for 我参与的 (never what they chose)
  // also the claims of paper ballots' photos (modules/council/paper.ts): no motionId, read and written by id only
  { name: 'ballots', indexes: [byCommunity('by_motion', { motionId: 1 }), byCommunity('by_voter', { voters: 1 })] },
  { name: 'decisions', indexes: [byCommunity('by_published', { publishedAt: -1 })] },
  {
    name: 'tasks',
    indexes: [byCommunity('by_status', { status: 1, updatedAt: -1 }), byCommunity('by_decision', { decisionId: 1, createdAt: 1 }), byCommunity('by_owner', { ownerId: 1, status: 1 })],
  },
  { name: 'taskUpdates', indexes: [byCommunity('by_task', { taskId: 1, createdAt: -1 })] },
  { name: 'taskExpenses', indexes: [byCommunity('by_task', { taskId: 1, createdAt: 1 })] },
  { name: 'ratings', indexes: [byCommunity('by_task', { taskId: 1, round: 1, createdAt: -1 }), byCommunity('by_member', { memberId: 1, createdAt: -1 }), byCommunity('by_time', { createdAt: 1 })] },
  // WeChat's asynchronous image checks, one per published photo, `_id` from the trace id (platform/media.ts)
  {
    name: 'mediaChecks',
    indexes: [
      byCommunity('by_status', { status: 1, checkedAt: -1 }),
      // the 6-hourly catch-up sweep, across communities: verdicts left unapplied, checks long unanswered
      { name: 'by_sweep_applied', keys: { status: 1, applied: 1 } },
      { name: 'by_sweep_pending', keys: { status: 1, submittedAt: 1 } },
    ],
  },
  // 志愿服务 (modules/volunteer): applications, identity-number keys (by id only), teams, projects, shifts (with who holds a seat),
  // totals per volunteer (by id only), honour hours, corrections, certificates (by id: `<communityId>:cert-<code>`) and counters
  { name: 'volunteers', indexes: [byCommunity('by_status', { status: 1, appliedAt: -1 })] },
  { name: 'volunteerIdKeys', indexes: [byCommunity('by_member', { memberId: 1 })] },
  { name: 'volunteerTeams', indexes: [byCommunity('by_created', { createdAt: 1 }), byCommunity('by_lead', { leadIds: 1 })] },
  { name: 'volunteerProjects', indexes: [byCommunity('by_status', { status: 1, createdAt: -1 })] },
  {
    name: 'volunteerShifts',
    indexes: [
      byCommunity('by_status_end', { status: 1, endAt: 1, startAt: 1 }),
      byCommunity('by_project', { projectId: 1, startAt: -1 }),
      byCommunity('by_signup', { 'signups.memberId': 1, status: 1, startAt: 1 }),
      // the alarmed reminder to settle open check-ins looks across communities
      { name: 'by_remind', keys: { reminded: 1, remindAt: 1 } },
    ],
  },
  { name: 'volunteerTotals', indexes: [] },
  { name: 'volunteerHonours', indexes: [byCommunity('by_member', { memberId: 1, addedAt: -1 }), byCommunity('by_status', { status: 1, addedAt: 1 })] },
  { name: 'volunteerCorrections', indexes: [byCommunity('by_member', { memberId: 1, requestedAt: -1 }), byCommunity('by_status', { status: 1, requestedAt: 1 })] },
  { name: 'volunteerCertificates', indexes: [byCommunity('by_member', { memberId: 1, issuedAt: -1 })] },
  { name: 'volunteerCounters', indexes: [] },
  // 爱心超市: items, orders, and one document per person and item (how many they hold, the order awaiting hand-over)
  { name: 'mallItems', indexes: [byCommunity('by_active', { active: 1, updatedAt: -1 }), byCommunity('by_updated', { updatedAt: -1 })] },
  { name: 'mallOrders', indexes: [byCommunity('by_member', { memberId: 1, createdAt: -1 }), byCommunity('by_status', { status: 1, createdAt: -1 })] },
  { name: 'mallHolds', indexes: [byCommunity('by_member', { memberId: 1 })] },
  // 微心愿: the wall (priority first), the committee's queue, a person's own; the alarmed sweep across communities
  {
    name: 'wishes',
    indexes: [
      byCommunity('by_wall', { status: 1, priority: -1, openedAt: 1 }),
      byCommunity('by_status', { status: 1, createdAt: -1 }),
      byCommunity('by_poster', { postedBy: 1, createdAt: -1 }),
      // a person's wishes (wish.mine), and those still open or claimed when they leave
      byCommunity('by_beneficiary', { beneficiaryId: 1, status: 1, createdAt: -1 }),
      byCommunity('by_claimer', { claimerId: 1, status: 1, createdAt: -1 }),
      { name: 'by_claim_due', keys: { status: 1, claimDueAt: 1 } },
      { name: 'by_waiting', keys: { status: 1, priority: 1, openedAt: 1 } },
    ],
  },
  { name: 'objections', indexes: [byCommunity('by_notice', { noticeId: 1, createdAt: 1 }), byCommunity('by_author', { authorId: 1, createdAt: -1 })] },
  // 最美邻里 (modules/award): campaigns, nominations (with their co-recommending households), candidates,
  // the day's ballot boxes (the atomic gate and tally of votes), one document per vote, the 光荣榜
  { name: 'awardCampaigns', indexes: [byCommunity('by_created', { createdAt: -1 })] },
  {
    name: 'awardNominations',
    indexes: [
      byCommunity('by_campaign', { campaignId: 1, status: 1, createdAt: 1 }),
      byCommunity('by_nominator', { nominatorId: 1, createdAt: -1 }),
      byCommunity('by_time', { createdAt: 1 }),
      byCommunity('by_seconder', { 'seconds.memberId': 1 }),
    ],
  },
  { name: 'awardCandidates', indexes: [byCommunity('by_campaign', { campaignId: 1, number: 1 })] },
  { name: 'awardBoxes', indexes: [byCommunity('by_campaign', { campaignId: 1, day: 1 })] },
  {
    name: 'awardVotes',
    indexes: [
      byCommunity('by_candidate', { campaignId: 1, candidateId: 1, at: 1 }),
      byCommunity('by_status', { campaignId: 1, status: 1, at: 1 }),
      byCommunity('by_voter', { voterId: 1, at: -1 }),
      byCommunity('by_time', { at: 1 }),
    ],
  },
  { name: 'awardHonours', indexes: [byCommunity('by_confirmed', { confirmedAt: -1, rank: 1 }), byCommunity('by_member', { memberId: 1 })] },
  // 活动: one document per activity holding its seats and queue; one registration per person and activity (modules/activity)
  {
    name: 'activities',
    indexes: [
      byCommunity('by_status_start', { status: 1, startAt: 1 }),
      byCommunity('by_category', { category: 1, status: 1, startAt: 1 }),
      // the frequent timer looks across communities: offers running out, reminders due
      { name: 'by_offer_due', keys: { status: 1, offerDue: 1 } },
      { name: 'by_reminder_day', keys: { status: 1, remindedDay: 1, startAt: 1 } },
      { name: 'by_reminder_soon', keys: { status: 1, remindedSoon: 1, startAt: 1 } },
    ],
  },
  {
    name: 'activityRegistrations',
    indexes: [byCommunity('by_activity', { activityId: 1, status: 1, signedUpAt: 1 }), byCommunity('by_member', { memberId: 1, startAt: -1 }), byCommunity('by_time', { signedUpAt: 1 })],
  },
]

export const COLLECTION_NAMES = SCHEMA.map((c) => c.name)
