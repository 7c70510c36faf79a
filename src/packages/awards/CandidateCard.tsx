import { Text, View } from '@tarojs/components'
import type { ActionOutput } from '../../api'
import { Button, Tag } from '../../components'
import { openPage } from '../../routes'
import { formatDateTime } from '../../utils/date'
import { Photos } from './Photos'
import './awards.scss'

type Campaign = ActionOutput<'award.campaign.get'>
type Candidate = Campaign['candidates'][number]

export interface CandidateCardProps {
  candidate: Candidate
  campaign: Campaign
  /** this candidate's vote is on its way */
  busy: boolean
  onVote: () => void
  id?: string
}

/**
 * A candidate as the 公示 shows them: name, story and photos in full, the votes
 * when the rules show them, and 投票 while the person has votes left today and
 * has not voted for this one today (otherwise the reason, in place).
 */
export function CandidateCard({ candidate, campaign, busy, onVote, id }: CandidateCardProps) {
  const voting = campaign.phase === 'voting'
  const why = whyNot(campaign, candidate)
  const canVote = campaign.me.canVote && why === null
  return (
    <View id={id} className="award-candidate">
      <View className="award-candidate__head">
        {candidate.winner && <Tag tone="danger">获评</Tag>}
        <Text className="award-candidate__name">
          {candidate.number}号 {candidate.name}
        </Text>
        {candidate.votes !== undefined && <Text className="award-candidate__votes">{candidate.votes} 票</Text>}
      </View>
      {candidate.category && <Text className="council-meta">{candidate.category}</Text>}
      {candidate.rank != null && (
        <Text className="council-meta candidate-rank">
          第 {candidate.rank} 名 · 综合 {candidate.finalScore} 分{candidate.juryScore != null ? `（评审 ${candidate.juryScore} 分）` : ''}
        </Text>
      )}
      <Text className="award-candidate__story">{candidate.story}</Text>
      <Photos photos={candidate.photos} />
      <View className="award-candidate__actions">
        {canVote && (
          <Button className="candidate-vote" disabled={busy} onClick={onVote}>
            {busy ? '正在投票…' : '投一票'}
          </Button>
        )}
        <Button className="candidate-open" variant="secondary" onClick={() => openPage('awardCandidate', { id: candidate.candidateId })}>
          {voting ? '详情 · 转发' : '详情'}
        </Button>
      </View>
      {voting && !canVote && <Text className="council-meta candidate-why-not">{why}</Text>}
    </View>
  )
}

/** Why this person cannot vote for this candidate now: already today, none left, or the campaign's reason. */
export function whyNot(campaign: Campaign, candidate: Candidate): string | null {
  if (candidate.isMe && !campaign.rules.selfVote) return '这次评选不能给自己投票'
  if (candidate.votedToday) return '今天已投过，明天还可以再投'
  return campaign.me.whyNotVote
}

/** What the votes shown are (live, yesterday's, final), or why none are shown: the campaign's rule in one line. */
export function rankingNote(campaign: Campaign): string {
  const tally = campaign.tally
  if (tally?.kind === 'final') return '最终票数'
  if (tally?.kind === 'snapshot') return `截至 ${formatDateTime(tally.asOf!)} 的票数，每天更新一次`
  if (tally?.kind === 'live') return campaign.phase === 'voting' ? '实时票数' : '票数'
  if (campaign.phase !== 'voting') return ''
  return campaign.rules.showRanking === 'daily' ? '从投票第二天起，每天公布截至前一天的票数' : '投票截止后公布票数'
}
