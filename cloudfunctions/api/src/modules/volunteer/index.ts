/**
 * 志愿服务: volunteers apply and the committee approves; teams with leads run
 * projects and shifts; the lead's rotating code checks volunteers in and out
 * (check-in kind `shift`); credited hours, honour hours apart, star levels,
 * corrections, and the 志愿服务记录证明 with its verification code.
 */
import { issueCertificate, verifyCertificate } from './certificate'
import { apply, createTeam, decideApplication, listApplications, listTeams, myVolunteer, updateTeam } from './people'
import { addHonour, answerCorrection, confirmHonour, listCorrections, myRecords, pendingHonours, remindSettle, requestCorrection, settleRecord } from './records'
import { cancelShift, cancelSignup, createProject, createShift, getProject, getShift, listProjects, listShifts, myShifts, shiftRoster, signup } from './shifts'

export { leadsTeam, teamsLedBy } from './people'

export const actions = [
  apply,
  myVolunteer,
  listApplications,
  decideApplication,
  createTeam,
  updateTeam,
  listTeams,
  createProject,
  listProjects,
  getProject,
  createShift,
  listShifts,
  myShifts,
  getShift,
  signup,
  cancelSignup,
  shiftRoster,
  cancelShift,
  myRecords,
  settleRecord,
  addHonour,
  pendingHonours,
  confirmHonour,
  requestCorrection,
  listCorrections,
  answerCorrection,
  issueCertificate,
  verifyCertificate,
] as const

export const timers = [remindSettle] as const
