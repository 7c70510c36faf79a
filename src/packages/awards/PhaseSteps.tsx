import { Text, View } from '@tarojs/components'
import type { ActionOutput } from '../../api'
import { cx } from '../../utils/classNames'
import { formatDay } from '../../utils/date'
import { AWARD_PHASE_ORDER } from './labels'
import './awards.scss'

type Campaign = ActionOutput<'award.campaign.get'>

/** The campaign's road from nomination to the 光荣榜, each step with its date, the current one marked. */
export function PhaseSteps({ campaign }: { campaign: Campaign }) {
  const current = AWARD_PHASE_ORDER.indexOf(campaign.phase)
  const steps: Array<{ phase: Campaign['phase']; text: string }> = [
    { phase: 'nomination', text: `提名 至${formatDay(campaign.nominationEndAt)}` },
    { phase: 'review', text: '审核' },
    { phase: 'candidates', text: `候选公示 ${campaign.candidatePublicDays}天` },
    { phase: 'voting', text: `投票 ${formatDay(campaign.votingStartAt)}–${formatDay(campaign.votingEndAt)}` },
    { phase: 'results', text: `结果公示 ${campaign.resultPublicDays}天` },
    { phase: 'final', text: '揭晓' },
  ]
  return (
    <View id="campaign-phases" className="award-phases divided">
      {steps.map((step, index) => {
        const at = AWARD_PHASE_ORDER.indexOf(step.phase)
        // 计票 sits between voting and results; it is shown as the end of voting.
        const isCurrent = at === current || (campaign.phase === 'counting' && step.phase === 'voting')
        return (
          <Text key={step.phase} className={cx('award-phase', at < current && 'is-done', isCurrent && 'is-current')}>
            {index > 0 ? '› ' : ''}
            {step.text}
          </Text>
        )
      })}
    </View>
  )
}
