import { Text, View } from '@tarojs/components'
import { ErrorState, Loading, SectionTitle } from '../../../components'
import type { QueryResult } from '../../../hooks/useQuery'
import { ReviewRows } from './ReviewRows'
import { StreetOverview } from './StreetOverview'
import type { Today } from './useToday'
import { WaitingList } from './WaitingList'

/** 首页 leads with what waits for this person: their own list, then (committee, lead) what waits for review; the 街道 reads figures. */
export function TodaySection({ today }: { today: QueryResult<Today> }) {
  const data = today.data
  if (!data) {
    return (
      <>
        <SectionTitle title="等你处理" />
        {today.error ? <ErrorState error={today.error} onRetry={today.refresh} /> : <Loading rows={2} />}
      </>
    )
  }
  if (data.kind === 'visitor') return null
  if (data.kind === 'street') {
    return (
      <>
        <SectionTitle title="社区概况（只读）" />
        <StreetOverview overview={data.overview} />
      </>
    )
  }
  return (
    <>
      <SectionTitle title="等你处理" />
      {data.status === 'unverified' && (
        <View id="today-unverified" className="home-note">
          <Text className="home-note__text">你的住户信息正等待居委会或楼栋长认证。认证前可以说事、附议和报名活动；表决和评选要等认证后参加。</Text>
        </View>
      )}
      <WaitingList today={data} />
      {data.review && (
        <>
          <SectionTitle title="待审核" />
          <ReviewRows review={data.review} />
        </>
      )}
    </>
  )
}
