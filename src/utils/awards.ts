import { formatDay } from './date'

// Shared by the 邻里 tab's section and the 最美邻里 pages (the tab is in the main package, which cannot reach a subpackage).

export interface CampaignRow {
  campaignId: string
  title: string
  phase: string
  nominationEndAt: string
  votingStartAt: string
  votingEndAt: string
}

/** When a campaign's next step comes, in its phase's words. */
export function campaignNextStep(c: CampaignRow): string {
  switch (c.phase) {
    case 'upcoming':
    case 'nomination':
      return `提名截止 ${formatDay(c.nominationEndAt)}`
    case 'review':
    case 'candidates':
      return `投票 ${formatDay(c.votingStartAt)} 开始`
    case 'voting':
      return `投票 ${formatDay(c.votingEndAt)} 截止`
    case 'counting':
      return '投票已截止，计票中'
    case 'results':
      return '结果公示中'
    default:
      return '已揭晓'
  }
}
