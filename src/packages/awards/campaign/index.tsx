import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ActionOutput } from '../../../api'
import { Button, Card, Empty, LinkRow, Page, QueryView, SectionTitle, Tag } from '../../../components'
import { useAccess, useAction, useQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../../hooks'
import { openPage, pageParam } from '../../../routes'
import { formatDateTime } from '../../../utils/date'
import { CandidateCard, rankingNote } from '../CandidateCard'
import { NominationCard } from '../NominationCard'
import { PhaseSteps } from '../PhaseSteps'
import { awardPhaseLabel } from '../labels'
import '../../council/council.scss'
import '../awards.scss'

type Campaign = ActionOutput<'award.campaign.get'>

/** One campaign: where it stands, what the person can do now, and its candidates or results. */
export default function CampaignPage() {
  const [campaignId] = useState(() => pageParam('id'))
  const campaign = useQuery('award.campaign.get', { campaignId }, [campaignId], { enabled: !!campaignId })
  useRefreshOnPullDown(campaign.refresh)
  useRefreshOnShow(campaign.refresh)

  if (!campaignId) return <Page id="page-award-campaign"><Empty title="没有找到这次评选" hint="请从「邻里」的最美邻里进入。" /></Page>
  return (
    <Page id="page-award-campaign">
      <QueryView query={campaign} rows={6}>
        {(data) => <CampaignView campaign={data} refresh={campaign.refresh} />}
      </QueryView>
    </Page>
  )
}

function CampaignView({ campaign, refresh }: { campaign: Campaign; refresh: () => Promise<void> }) {
  const access = useAccess()
  const vote = useAction('award.vote', {
    done: (res) => (res.leftToday > 0 ? `今日还剩${res.leftToday}票` : '今日票已投完'),
    refresh,
  })
  return (
    <>
      <Card id="campaign-detail">
        <View className="issue-head">
          <Tag id="campaign-phase" tone={campaign.phase === 'final' ? 'neutral' : 'brand'}>{awardPhaseLabel(campaign.phase)}</Tag>
          {campaign.categories.map((c) => <Tag key={c}>{c}</Tag>)}
        </View>
        <Text id="campaign-title" className="issue-head__title">{campaign.title}</Text>
        <Text className="council-body issue-body">{campaign.description}</Text>
        <PhaseSteps campaign={campaign} />
      </Card>

      <NowCard campaign={campaign} />

      <Objections campaign={campaign} />

      {access.canManageAwards && (
        <LinkRow id="campaign-manage" title="评选管理" desc="审核提名、答复异议、评审打分、防刷票、确认结果" onClick={() => openPage('awardManage', { id: campaign.campaignId })} />
      )}

      {campaign.phase === 'nomination' && <Nominations campaign={campaign} refresh={refresh} />}

      {campaign.candidates.length > 0 && (
        <>
          <SectionTitle title={`候选人（${campaign.candidates.length}）`} />
          {rankingNote(campaign) && (
            <Text id="campaign-ranking-note" className="council-note">
              {rankingNote(campaign)}
            </Text>
          )}
          {ranked(campaign.candidates).map((c, index) => (
            <CandidateCard
              key={c.candidateId}
              id={`candidate-${index}`}
              candidate={c}
              campaign={campaign}
              busy={vote.pending?.candidateId === c.candidateId}
              onVote={() => void vote.run({ campaignId: campaign.campaignId, candidateId: c.candidateId })}
            />
          ))}
        </>
      )}
      {campaign.totals && (
        <Text id="campaign-voided" className="council-note">
          计票 {campaign.totals.counted} 票；作废 {campaign.totals.voided} 票（刷票等原因，居委会记录了理由），不计入各人票数
          {campaign.totals.held > 0 ? `；另有 ${campaign.totals.held} 票因微信判定账号风险过高，记录在案但不计票` : ''}。
        </Text>
      )}
    </>
  )
}

/** Once results are out, the candidates in their ranking; before, in their numbers' order. */
function ranked(candidates: Campaign['candidates']): Campaign['candidates'] {
  return candidates.some((c) => c.rank != null) ? [...candidates].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999)) : candidates
}

/** The end of a 公示 that began at `from` and lasts `days`. */
const publicUntil = (from: string | null, days: number) => (from ? new Date(Date.parse(from) + days * 86_400_000).toISOString() : null)

/**
 * 公示 objections go through the campaign's notice (the same 公示栏 as every notice):
 * how many there are and how many await an answer, and the way to read or file one.
 */
function Objections({ campaign }: { campaign: Campaign }) {
  const during = campaign.phase === 'candidates' ? 'candidates' : campaign.phase === 'results' ? 'results' : null
  const noticeId = during === 'candidates' ? campaign.candidateNoticeId : during === 'results' ? campaign.resultNoticeId : null
  if (!during || !noticeId) return null
  const { total, unanswered } = campaign.objections[during]
  return (
    <LinkRow
      id="campaign-objections"
      title={during === 'candidates' ? '候选名单公示 · 异议' : '评选结果公示 · 异议'}
      desc={total === 0 ? '还没有异议。有不同意见可以实名提出，居委会公开答复。' : `${total} 条异议，${unanswered > 0 ? `${unanswered} 条待答复` : '都已答复'}`}
      onClick={() => openPage('notice', { id: noticeId })}
    />
  )
}

/** The one thing this person can do now in this phase, or why not. */
function NowCard({ campaign }: { campaign: Campaign }) {
  const { phase } = campaign
  if (phase === 'nomination') {
    return (
      <Card id="campaign-now" className="award-now" title="现在：提名">
        <Text className="plain-line">{formatDateTime(campaign.nominationEndAt)} 截止提名。可以自荐，也可以推荐身边的好邻居。</Text>
        {campaign.rules.coRecommendations > 0 && <Text className="council-meta">推荐别人需要另外 {campaign.rules.coRecommendations} 户邻居联名；自荐不需要。</Text>}
        {campaign.me.canNominate ? (
          <Button id="campaign-nominate" block className="cosign__button" onClick={() => openPage('awardNominate', { id: campaign.campaignId })}>
            我要提名
          </Button>
        ) : (
          <Text id="campaign-nominate-why-not" className="council-meta">{campaign.me.whyNotNominate}</Text>
        )}
      </Card>
    )
  }
  if (phase === 'upcoming') {
    return (
      <Card id="campaign-now" className="award-now" title="即将开始">
        <Text className="plain-line">{formatDateTime(campaign.nominationStartAt)} 开始提名，{formatDateTime(campaign.nominationEndAt)} 截止。</Text>
      </Card>
    )
  }
  if (phase === 'review') {
    return (
      <Card id="campaign-now" className="award-now" title="现在：审核提名">
        <Text className="plain-line">提名已截止，居委会正在审核，审核后公示候选名单。</Text>
      </Card>
    )
  }
  if (phase === 'candidates') {
    return (
      <Card id="campaign-now" className="award-now" title="现在：候选名单公示">
        <Text className="plain-line">
          公示至 {formatDateTime(publicUntil(campaign.publishedAt, campaign.candidatePublicDays)!)}，{formatDateTime(campaign.votingStartAt)} 开始投票（异议都答复后）。
        </Text>
        <Text className="council-meta">对候选人有不同意见，可以在下面的「异议」里实名提出，居委会在投票开始前公开答复。</Text>
      </Card>
    )
  }
  if (phase === 'voting') {
    return (
      <Card id="campaign-now" className="award-now" title="现在：投票">
        {campaign.me.canVote || campaign.me.leftToday === 0 ? (
          <Text id="campaign-left-today" className="award-left">
            今日还可投 <Text className="award-left__count">{campaign.me.leftToday}</Text> 票
          </Text>
        ) : (
          <Text id="campaign-vote-why-not" className="plain-line">{campaign.me.whyNotVote}</Text>
        )}
        <Text className="council-meta">
          每人每天 {campaign.rules.votesPerDay} 票，同一位候选人每天最多一票，{formatDateTime(campaign.votingEndAt)} 截止。
          {campaign.rules.verifiedOnly ? '只限已认证居民。' : ''}
        </Text>
        <Text className="council-meta">转发是为了让邻居读读他们的故事，不是拉票：投票不需要转发，转发也不加票。</Text>
      </Card>
    )
  }
  if (phase === 'counting') {
    return (
      <Card id="campaign-now" className="award-now" title="现在：计票">
        <Text className="plain-line">投票已截止，居委会核对票数{campaign.rules.juryWeight > 0 ? '和评审打分' : ''}后公示结果。</Text>
      </Card>
    )
  }
  if (phase === 'results') {
    return (
      <Card id="campaign-now" className="award-now" title="现在：结果公示">
        <Text className="plain-line">公示至 {formatDateTime(publicUntil(campaign.resultsAt, campaign.resultPublicDays)!)}。对结果有异议，可以实名提出，居委会公开答复后确认最终结果。</Text>
      </Card>
    )
  }
  return (
    <Card id="campaign-now" className="award-now" title="评选结果">
      <Text className="plain-line">评选已结束，获评邻居已登上光荣榜。</Text>
      <Button id="campaign-honours" variant="secondary" block className="cosign__button" onClick={() => openPage('awardHonours')}>
        看光荣榜
      </Button>
    </Card>
  )
}

/** During nominations: the ones collecting co-recommendations, which neighbours can join. */
function Nominations({ campaign, refresh }: { campaign: Campaign; refresh: () => Promise<void> }) {
  const nominations = useQuery('award.nomination.list', { campaignId: campaign.campaignId, limit: 50 }, [campaign.campaignId])
  const second = useAction('award.nomination.second', { done: '已联名推荐', refresh: [nominations.refresh, refresh] })
  const items = nominations.data?.items ?? []
  return (
    <>
      <SectionTitle title="提名" />
      <QueryView query={nominations} rows={2}>
        {() =>
          items.length === 0 ? (
            <Empty id="nominations-empty" title="还没有提名" hint="身边有热心的邻居？写下他的故事推荐他。" />
          ) : (
            <>
              {items.map((n, index) => (
                <NominationCard
                  key={n.nominationId}
                  id={`nomination-${index}`}
                  nomination={n}
                  busy={second.pending?.nominationId === n.nominationId}
                  onSecond={() => void second.run({ nominationId: n.nominationId })}
                />
              ))}
            </>
          )
        }
      </QueryView>
    </>
  )
}
