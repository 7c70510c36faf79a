import type { ActionOutput } from '../../api'

// award.campaign.get tells each candidate's figures only when the rules let this caller see them; these read them.

type Candidate = ActionOutput<'award.campaign.get'>['candidates'][number]

/** The counted votes, or undefined while the campaign hides them. */
export const votesOf = (c: Candidate): number | undefined => (c as Partial<Record<'votes', number>>).votes

/** Named a winner by the published results. */
export const isWinner = (c: Candidate): boolean => 'winner' in c && c.winner

/** The jury's score as the committee recorded it (null until then); undefined for a resident before the results. */
export const juryScoreOf = (c: Candidate): number | null | undefined => ('juryScore' in c ? c.juryScore : undefined)
