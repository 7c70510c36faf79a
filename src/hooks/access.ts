import type { ActionName, ActionOutput, Role } from '../api/types'

// "May I do this?" for every page, from one place. The server decides every
// action (the router checks the caller's roles before a handler runs); these
// flags only keep away buttons that would be refused, or let a page say why
// first. Each flag names the actions it stands for, and access.test.ts checks
// its roles against theirs in the server's registry.

type Current = ActionOutput<'me.get'>['current']

const COMMITTEE = ['committee', 'admin'] as const
const WORKBENCH = ['committee', 'admin', 'buildingLead'] as const

interface Rule {
  roles: readonly Role[]
  actions: readonly ActionName[]
}

export const ACCESS_RULES = {
  // A verified resident takes part.
  canRaiseIssue: { roles: ['verified'], actions: ['council.issue.create'] },
  canCosign: { roles: ['verified'], actions: ['council.issue.cosign'] },
  canComment: { roles: ['verified'], actions: ['council.comment.add'] },
  canVote: { roles: ['verified'], actions: ['council.motion.vote'] },
  canRate: { roles: ['verified'], actions: ['council.task.rate'] },
  canObject: { roles: ['verified'], actions: ['notice.object'] },
  // A seat at a 议事会 is for a verified resident (anyone may still give back one they hold).
  canRegisterForMeetings: { roles: ['verified'], actions: ['council.meeting.register'] },
  // Any resident (not a 街道 account) comes along, reports and reads their inbox.
  canAttendMeetings: { roles: ['resident'], actions: ['council.meeting.cancelRegistration', 'checkin.scan', 'checkin.personalCode'] },
  canReport: { roles: ['resident'], actions: ['council.comment.report'] },
  canReadMessages: { roles: ['resident'], actions: ['message.list', 'message.markRead'] },
  // 居委会 (and 管理员) run the 议事厅.
  canTriageIssues: { roles: COMMITTEE, actions: ['council.issue.triage'] },
  canManageMeetings: {
    roles: COMMITTEE,
    actions: ['council.meeting.schedule', 'council.meeting.update', 'council.meeting.cancel', 'council.meeting.minutes', 'council.meeting.registrants'],
  },
  // The check-in actions (checkin.token, scanAttendee, mark, attendees) take any resident and ask the event's kind
  // who organises it; a 议事会 answers 居委会, the same people who read its registrants at the door.
  canRunCheckin: { roles: COMMITTEE, actions: ['council.meeting.registrants'] },
  canManageVotes: { roles: COMMITTEE, actions: ['council.motion.create', 'council.motion.close', 'council.paper.record', 'council.paper.list', 'council.paper.voters'] },
  canManageTasks: { roles: COMMITTEE, actions: ['council.task.create', 'council.task.addExpense', 'council.task.escalate', 'council.task.complete'] },
  canPublishNotices: { roles: COMMITTEE, actions: ['notice.publish', 'notice.answerObjection'] },
  canModerate: { roles: COMMITTEE, actions: ['council.comment.pending', 'council.comment.review', 'council.photo.remove'] },
  // 社区管理: building leads verify the households of their own buildings.
  canVerifyMembers: { roles: WORKBENCH, actions: ['member.list', 'member.verify', 'community.inviteQr'] },
  canManageRoles: { roles: ['admin'], actions: ['member.grantRole', 'member.revokeRole'] },
  canEditCommunity: { roles: ['admin'], actions: ['community.settings.update', 'community.building.save', 'community.invite.reset'] },
  canSeeStreet: { roles: ['street'], actions: ['street.overview'] },
  // 数据统计: 居委会 and 管理员 for their community, a 街道 account for each of its communities; the 月报 likewise
  // (export.create takes more kinds and roles and asks each kind who may have it).
  canSeeStats: { roles: ['committee', 'admin', 'street'], actions: ['stats.overview'] },
  canExportMonthlyReport: { roles: ['committee', 'admin', 'street'], actions: [] },
  // 志愿服务: an approved volunteer signs up for shifts; 居委会 approves volunteers and confirms honour hours
  // (a team lead's tools follow the team, which volunteer.me and each shift tell, not a role).
  canVolunteer: { roles: ['volunteer'], actions: ['volunteer.shift.signup'] },
  canReviewVolunteers: {
    roles: COMMITTEE,
    actions: ['volunteer.application.list', 'volunteer.application.decide', 'volunteer.honour.pending', 'volunteer.honour.confirm'],
  },
  // 爱心超市 and 微心愿.
  canManageShop: { roles: COMMITTEE, actions: ['mall.item.create', 'mall.item.update', 'mall.order.list', 'mall.order.handover'] },
  canPostWish: { roles: ['verified', 'buildingLead', 'committee', 'admin'], actions: ['wish.create'] },
  canClaimWishes: { roles: ['volunteer'], actions: ['wish.claim', 'wish.drop', 'wish.fulfil'] },
  canReviewWishes: { roles: COMMITTEE, actions: ['wish.review', 'wish.queue'] },
  // 最美邻里: a verified resident nominates and co-recommends; any resident votes where the campaign allows
  // (a campaign may ask for verified voters: award.campaign.get says why not); 居委会 runs the campaigns.
  canNominate: { roles: ['verified'], actions: ['award.nominate', 'award.nomination.second'] },
  canVoteForNeighbours: { roles: ['resident'], actions: ['award.vote'] },
  canManageAwards: {
    roles: COMMITTEE,
    actions: [
      'award.campaign.create',
      'award.campaign.update',
      'award.nomination.review',
      'award.candidates.publish',
      'award.votes.flags',
      'award.vote.void',
      'award.jury.score',
      'award.results.publish',
      'award.winners.confirm',
    ],
  },
  // 活动: any resident signs up (each activity may still ask for verified residents or some buildings, and says so).
  canSignUpForActivities: { roles: ['resident'], actions: ['activity.signup', 'activity.cancel', 'activity.claim', 'activity.mine'] },
  // Posting takes any resident and asks who (the committee, or a volunteer team's lead for the team's activity);
  // the tab offers it to the committee, the team's page to its lead. An activity's own page reads isOrganiser.
  canPostActivities: { roles: COMMITTEE, actions: [] },
  // 代报名: a building lead for the residents of their buildings, 居委会 for any resident.
  canSignUpNeighbours: { roles: WORKBENCH, actions: ['activity.signupFor', 'activity.proxyCandidates'] },
  // 代附议 and 代评价: a building lead only, for the verified residents of their buildings.
  canAssistNeighbours: { roles: ['buildingLead'], actions: ['council.issue.cosignFor', 'council.task.rateFor'] },
  // 导出 Excel: a building lead exports the members of their buildings; the 街道 the monthly report; every other list, the committee.
  canExport: { roles: [...WORKBENCH, 'street'], actions: ['export.create'] },
  canExportMembers: { roles: WORKBENCH, actions: [] },
  canExportLists: { roles: COMMITTEE, actions: [] },
  canReadAuditLog: { roles: COMMITTEE, actions: ['audit.list', 'audit.choices'] },
} satisfies Record<`can${string}`, Rule>

export type AccessFlag = keyof typeof ACCESS_RULES

export type Access = Record<AccessFlag, boolean> & {
  /** me.get has answered; until then every flag is false. */
  known: boolean
  /** A resident of the current community, verified or not (a 街道 account is not one). */
  resident: boolean
  verified: boolean
  /** A 街道 account: reads the community, takes no part. */
  street: boolean
  /** 居委会 or 管理员 see every building; a building lead only `buildingIds`. */
  seesAllBuildings: boolean
  buildingIds: string[]
  /** 居委会 or 管理员 see members' real names and phones (member.list masks them for others). */
  seesContactDetails: boolean
}

/**
 * The roles the server's router would find for this member (platform/roles
 * effectiveRoles): me.get already lists `resident` or `street` with the granted
 * roles; `verified` follows from the status, never for a 街道 account.
 */
export function effectiveRoles(current: Current | null | undefined): Set<Role> {
  if (!current) return new Set()
  const roles = new Set<Role>(current.roles)
  if (current.status === 'verified' && !roles.has('street')) roles.add('verified')
  return roles
}

/** What the person may do in the community they are looking at; `known` false while me.get has not answered. */
export function accessOf(current: Current | null | undefined, known = current !== undefined): Access {
  const roles = effectiveRoles(current)
  const committee = COMMITTEE.some((role) => roles.has(role))
  const flags = Object.fromEntries(
    Object.entries(ACCESS_RULES).map(([flag, rule]) => [flag, (rule.roles as readonly Role[]).some((role) => roles.has(role))]),
  ) as Record<AccessFlag, boolean>
  return {
    ...flags,
    known,
    resident: roles.has('resident'),
    verified: roles.has('verified'),
    street: roles.has('street'),
    seesAllBuildings: committee,
    buildingIds: current?.buildingIds ?? [],
    seesContactDetails: committee,
  }
}
