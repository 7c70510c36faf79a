import { Image, Text, View } from '@tarojs/components'
import type { ActionOutput } from '../../../api'
import { fileUrl } from '../../../api/fileUrl'
import { Empty, Page, QueryView } from '../../../components'
import { useQuery, useRefreshOnPullDown } from '../../../hooks'
import { openPage } from '../../../routes'
import { formatDay } from '../../../utils/date'
import '../../council/council.scss'
import '../awards.scss'

type Honour = ActionOutput<'award.honours'>['items'][number]

/** 光荣榜: every campaign's winners, newest campaign first, each with the story they were chosen for. */
export default function HonoursPage() {
  const honours = useQuery('award.honours', { limit: 50 })
  useRefreshOnPullDown(honours.refresh)
  return (
    <Page id="page-award-honours">
      <QueryView query={honours} rows={4}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty id="honours-empty" title="光荣榜还空着" hint="第一次评选揭晓后，获评的好邻居会登上这里。" />
          ) : (
            byCampaign(data.items).map(([campaignId, items], index) => (
              <View key={campaignId} id={`honours-${index}`} className="award-honour" onClick={() => openPage('award', { id: campaignId })}>
                <Text className="award-honour__title">{items[0].campaignTitle}</Text>
                <Text className="council-meta">{formatDay(items[0].confirmedAt)} 揭晓</Text>
                {items.map((h) => (
                  <View key={h.honourId} className="honour-winner divided">
                    <View className="award-honour__winner">
                      <Text className="award-honour__name">{h.name}</Text>
                      {h.category && <Text className="council-meta">{h.category}</Text>}
                    </View>
                    {h.photo && <Image className="award-honour__photo" src={fileUrl(h.photo)} mode="aspectFill" lazyLoad />}
                    <Text className="award-candidate__story">{h.story}</Text>
                  </View>
                ))}
              </View>
            ))
          )
        }
      </QueryView>
    </Page>
  )
}

function byCampaign(items: Honour[]): Array<[string, Honour[]]> {
  const groups = new Map<string, Honour[]>()
  for (const h of items) groups.set(h.campaignId, [...(groups.get(h.campaignId) ?? []), h])
  return [...groups.entries()]
}
