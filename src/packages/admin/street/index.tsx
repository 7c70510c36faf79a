import { Text, View } from '@tarojs/components'
import { Card, Empty, LinkRow, Page, QueryView } from '../../../components'
import { openPage } from '../../../routes'
import { useQuery, useRefreshOnPullDown } from '../../../hooks'
import '../admin.scss'
import './index.scss'

const FIGURES = [
  { key: 'members', label: '居民' },
  { key: 'verifiedHouseholds', label: '已认证户' },
  { key: 'pendingVerifications', label: '待认证' },
  { key: 'noticesLast30Days', label: '近30天公告' },
] as const

/** 街道: counts for each community of the street, read-only and without any personal record. */
export default function StreetPage() {
  const overview = useQuery('street.overview', {})
  useRefreshOnPullDown(overview.refresh)
  const communities = overview.data?.communities ?? []
  const sum = (key: (typeof FIGURES)[number]['key']) => communities.reduce((n, c) => n + c[key], 0)

  return (
    <Page id="page-street">
      <Text className="admin-note">辖区各社区的汇总数字，只读，不含任何个人信息。下拉可刷新。</Text>
      <LinkRow id="link-street-stats" title="各社区数据统计" desc="各社区的图表并排对照，较上期变化；导出辖区月报" onClick={() => openPage('stats')} />
      <QueryView query={overview} rows={4}>
        {() =>
          communities.length === 0 ? (
            <Empty id="street-empty" title="还没有关联的社区" hint="请联系社区管理员把街道账号加入社区。" />
          ) : (
            <View id="street-overview">
              {communities.length > 1 && (
                <Card title="辖区合计" id="street-total">
                  <Figures values={(key) => sum(key)} />
                </Card>
              )}
              {communities.map((community) => (
                <Card key={community.communityId} title={community.name} className="street-community">
                  <Figures values={(key) => community[key]} />
                </Card>
              ))}
            </View>
          )}
      </QueryView>
    </Page>
  )
}

function Figures({ values }: { values: (key: (typeof FIGURES)[number]['key']) => number }) {
  return (
    <View className="street-figures">
      {FIGURES.map((figure) => (
        <View key={figure.key} className={`street-figure street-figure--${figure.key}`}>
          <Text className="street-figure__value">{values(figure.key)}</Text>
          <Text className="street-figure__label">{figure.label}</Text>
        </View>
      ))}
    </View>
  )
}
