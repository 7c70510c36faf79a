import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { Button, Empty, LinkRow, Page, QueryView, SectionTitle, Tag } from '../../components'
import { currentCommunityId } from '../../api/community'
import { useAccess, useQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../hooks'
import { openPage, pageParam, replacePage } from '../../routes'
import { campaignNextStep, type CampaignRow as Row } from '../../utils/awards'
import { awardPhaseLabel } from './labels'
import '../council/council.scss'
import './awards.scss'

/** 最美邻里: the campaigns under way and past ones, the 光荣榜, and for the committee 发起评选. */
export default function AwardsPage() {
  const access = useAccess()
  // The server's messages link a campaign as this page with its id, a candidate's mini-program code with its
  // scene (award.candidate.code): open that campaign or candidate in its place.
  const [campaignId] = useState(() => pageParam('id'))
  const [candidateId] = useState(() => candidateOfScene(pageParam('scene')))
  useEffect(() => {
    if (candidateId) replacePage('awardCandidate', { id: candidateId })
    else if (campaignId) replacePage('award', { id: campaignId })
  }, [campaignId, candidateId])
  const campaigns = useQuery('award.campaign.list', {})
  useRefreshOnPullDown(campaigns.refresh)
  useRefreshOnShow(campaigns.refresh)

  return (
    <Page id="page-awards">
      {access.canManageAwards && (
        <Button id="awards-new" block className="issues__raise" onClick={() => openPage('awardCampaignNew')}>
          发起评选
        </Button>
      )}
      <LinkRow id="awards-honours" title="光荣榜" desc="历次评选出的好厝边" onClick={() => openPage('awardHonours')} />
      <QueryView query={campaigns} rows={4}>
        {(data) => {
          const current = data.items.filter((c) => c.phase !== 'final')
          const past = data.items.filter((c) => c.phase === 'final')
          return (
            <>
              <SectionTitle title="正在进行" />
              {current.length === 0 ? (
                <Empty id="awards-empty" title="现在没有进行中的评选" hint="居委会发起评选后，大家可以提名身边的好邻居。" />
              ) : (
                current.map((c, index) => <CampaignRow key={c.campaignId} campaign={c} id={`campaign-${index}`} />)
              )}
              {past.length > 0 && (
                <>
                  <SectionTitle title="往期评选" />
                  {past.map((c, index) => <CampaignRow key={c.campaignId} campaign={c} id={`campaign-past-${index}`} />)}
                </>
              )}
            </>
          )
        }}
      </QueryView>
    </Page>
  )
}

/** `c=<campaign without its community>.<number>` → the candidate's id in the current community, or ''. */
function candidateOfScene(scene: string): string {
  const m = /^c=(.+)\.(\d{1,3})$/.exec(scene)
  const community = currentCommunityId()
  return m && community ? `${community}:${m[1]}:c${m[2]}` : ''
}

function CampaignRow({ campaign, id }: { campaign: Row; id: string }) {
  return (
    <View id={id} className="issue-card" hoverClass="is-pressed" onClick={() => openPage('award', { id: campaign.campaignId })}>
      <View className="issue-card__main">
        <View className="issue-card__head">
          <Tag tone={campaign.phase === 'final' ? 'neutral' : 'brand'}>{awardPhaseLabel(campaign.phase)}</Tag>
          <Text className="issue-card__title">{campaign.title}</Text>
        </View>
        <Text className="issue-card__meta">{campaignNextStep(campaign)}</Text>
      </View>
    </View>
  )
}
