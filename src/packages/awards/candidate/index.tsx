import { Text, View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import type { ActionOutput } from '../../../api'
import { Button, Card, Empty, LinkRow, Page, QueryView, Tag } from '../../../components'
import { SharePanel } from '../../../components/SharePanel'
import { useAction, useMe, useQuery, useRefreshOnPullDown, useRefreshOnShow, useShare } from '../../../hooks'
import { openPage, pageParam } from '../../../routes'
import { candidateShareTitle, sharePath } from '../../../utils/share'
import { awardPhaseLabel } from '../labels'
import { rankingNote, whyNot } from '../CandidateCard'
import { Photos } from '../Photos'
import '../../council/council.scss'
import '../awards.scss'

type Campaign = ActionOutput<'award.campaign.get'>
type Candidate = Campaign['candidates'][number]

/** The campaign a candidate id belongs to: everything before its `:c<number>`. */
const campaignOf = (candidateId: string) => candidateId.replace(/:c\d+$/, '')

/**
 * One candidate: the story in full, 投票 when the person may, and the share card that
 * invites neighbours to read it (the chat card opens this page with the candidate's id).
 */
export default function CandidatePage() {
  const [candidateId] = useState(() => pageParam('id'))
  const campaignId = campaignOf(candidateId)
  const campaign = useQuery('award.campaign.get', { campaignId }, [campaignId], { enabled: !!candidateId })
  useRefreshOnPullDown(campaign.refresh)
  useRefreshOnShow(campaign.refresh)
  const candidate = campaign.data?.candidates.find((c) => c.candidateId === candidateId)

  const communityId = useMe().data?.current?.communityId
  // The chat card names the candidate and opens this page; it asks nothing of whoever receives it.
  useShare(() => (candidate ? { title: shareTitle(campaign.data!, candidate), path: sharePath('awardCandidate', { id: candidateId }, communityId) } : null))

  if (!candidateId) return <Page id="page-award-candidate"><Empty title="没有找到这位候选人" hint="请从评选页面进入。" /></Page>
  return (
    <Page id="page-award-candidate">
      <QueryView query={campaign} rows={6}>
        {(c) => {
          const found = c.candidates.find((x) => x.candidateId === candidateId)
          return found ? (
            <CandidateView
              campaign={c}
              candidate={found}
              refresh={campaign.refresh}
              share={
                <SharePanel
                  id="candidate-share"
                  heading="请邻居来读读TA的故事"
                  title={shareTitle(c, found)}
                  path={sharePath('awardCandidate', { id: candidateId }, communityId)}
                  target={{ page: 'awardCandidate', id: candidateId }}
                  note="转发只是为了让更多邻居读到TA的故事：投票不需要转发，转发也不会加票，请不要拉票。"
                />
              }
            />
          ) : (
            <Empty id="candidate-missing" title="没有找到这位候选人" hint="候选人公示后才能查看。" actionText="看看这次评选" onAction={() => openPage('award', { id: c.campaignId })} />
          )
        }}
      </QueryView>
    </Page>
  )
}

const shareTitle = (c: Campaign, candidate: Candidate) => candidateShareTitle({ name: candidate.name, number: candidate.number, campaignTitle: c.title })

function CandidateView({ campaign, candidate, refresh, share }: { campaign: Campaign; candidate: Candidate; refresh: () => Promise<void>; share: ReactNode }) {
  const vote = useAction('award.vote', {
    done: (res) => (res.leftToday > 0 ? `今日还剩${res.leftToday}票` : '今日票已投完'),
    refresh,
  })
  const voting = campaign.phase === 'voting'
  const why = whyNot(campaign, candidate)
  const canVote = campaign.me.canVote && why === null
  const noticeId = campaign.phase === 'candidates' ? campaign.candidateNoticeId : campaign.phase === 'results' ? campaign.resultNoticeId : null
  return (
    <>
      <Card id="candidate-detail">
        <View className="issue-head">
          <Tag tone="brand">{awardPhaseLabel(campaign.phase)}</Tag>
          {candidate.category && <Tag>{candidate.category}</Tag>}
          {candidate.winner && <Tag tone="danger">获评</Tag>}
        </View>
        <Text id="candidate-name" className="issue-head__title">
          {candidate.number}号 {candidate.name}
        </Text>
        <Text className="council-meta">{campaign.title}</Text>
        {candidate.votes !== undefined && (
          <Text id="candidate-votes" className="award-candidate__votes candidate-votes">
            {candidate.votes} 票 <Text className="council-meta-inline">{rankingNote(campaign)}</Text>
          </Text>
        )}
        <Text id="candidate-story" className="council-body issue-body">{candidate.story}</Text>
        <Photos photos={candidate.photos} />
      </Card>

      {voting && (
        <Card id="candidate-vote">
          {campaign.me.canVote && (
            <Text className="award-left">
              今日还可投 <Text className="award-left__count">{campaign.me.leftToday}</Text> 票
            </Text>
          )}
          {canVote ? (
            <Button id="candidate-vote-submit" block className="cosign__button" disabled={vote.loading} onClick={() => void vote.run({ campaignId: campaign.campaignId, candidateId: candidate.candidateId })}>
              {vote.loading ? '正在投票…' : '投一票'}
            </Button>
          ) : (
            <Text id="candidate-why-not" className="council-meta">
              {why}
            </Text>
          )}
        </Card>
      )}

      {noticeId && (
        <LinkRow id="candidate-objection" title="对候选人有异议？" desc="公示期内可以实名提出，居委会公开答复" onClick={() => openPage('notice', { id: noticeId })} />
      )}

      {share}

      <Button id="candidate-campaign" variant="secondary" block className="cosign__button" onClick={() => openPage('award', { id: campaign.campaignId })}>
        看全部候选人
      </Button>
    </>
  )
}
