import { Text, View } from '@tarojs/components'
import { Card, Empty, LinkRow, QueryView, SectionTitle, Tag } from '../../../components'
import { useMe, useQuery, useRefreshOnShow } from '../../../hooks'
import { openArea, openPage } from '../../../routes'
import { campaignNextStep } from '../../../utils/awards'
import { awardPhaseLabel } from '../../../utils/labels'
import './awards.scss'

/** 邻里 tab: the 最美邻里 campaigns under way with their phase, and the latest 光荣榜. */
export function AwardsSection() {
  const me = useMe()
  const communityId = me.data?.current?.communityId
  const campaigns = useQuery('award.campaign.list', {}, [communityId], { enabled: !!communityId })
  const honours = useQuery('award.honours', { limit: 3 }, [communityId], { enabled: !!communityId })
  useRefreshOnShow(campaigns.refresh, honours.refresh)

  return (
    <View id="awards-section">
      <SectionTitle title="最美邻里" />
      <LinkRow id="enter-awards" title="全部评选" desc="推荐身边的好邻居，公示、投票、评选" onClick={() => openArea('awards')} />
      {!communityId ? (
        <Empty title="加入社区后可以参加评选" hint="推荐身边的好邻居，为他们投票。" />
      ) : (
        <>
          <QueryView query={campaigns} rows={2}>
            {(data) => {
              const current = data.items.filter((c) => c.phase !== 'final')
              return current.length === 0 ? (
                <Text id="awards-none" className="awards-section__none">现在没有进行中的评选。</Text>
              ) : (
                // The tab shows the three newest; 全部评选 above leads to the rest.
                current.slice(0, 3).map((c, index) => (
                  <LinkRow
                    key={c.campaignId}
                    id={`awards-campaign-${index}`}
                    title={c.title}
                    desc={campaignNextStep(c)}
                    extra={<Tag tone="brand">{awardPhaseLabel(c.phase)}</Tag>}
                    onClick={() => openPage('award', { id: c.campaignId })}
                  />
                ))
              )
            }}
          </QueryView>
          <QueryView query={honours} rows={1}>
            {(data) =>
              data.items.length > 0 && (
                <Card id="awards-honours" className="awards-section__honours" title="光荣榜" onClick={() => openPage('awardHonours')}>
                  {data.items.map((h) => (
                    <View key={h.honourId} className="awards-section__winner">
                      <Text className="awards-section__name">{h.name}</Text>
                      <Text className="awards-section__campaign">{h.campaignTitle}</Text>
                    </View>
                  ))}
                </Card>
              )
            }
          </QueryView>
        </>
      )}
    </View>
  )
}
