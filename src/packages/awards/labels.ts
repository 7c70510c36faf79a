import { AWARD_PHASES } from '../../../cloudfunctions/api/src/platform/labels'

export { awardPhaseLabel, nominationStatusLabel, SHOW_RANKINGS, SHOW_RANKING_LABELS } from '../../../cloudfunctions/api/src/platform/labels'

/** The phases in the order a campaign passes them. */
export const AWARD_PHASE_ORDER: readonly string[] = AWARD_PHASES
