import { Text, View } from '@tarojs/components'
import { LinkRow } from '../../../components'
import { openPage } from '../../../routes'
import type { Today } from './useToday'

/** The 街道's glance at the community: read-only figures, and the way to its dashboard. */
export function StreetOverview({ overview }: { overview: Extract<Today, { kind: 'street' }>['overview'] }) {
  const figures = [
    { label: '征集附议', value: overview.openIssues },
    { label: '候选议题', value: overview.candidates },
    { label: '待开议事会', value: overview.meetings },
    { label: '进行中表决', value: overview.motions },
  ]
  return (
    <>
      <View id="street-overview" className="home-figures">
        {figures.map((f) => (
          <View key={f.label} className="home-figures__cell">
            <Text className="home-figures__value">{f.value}</Text>
            <Text className="home-figures__label">{f.label}</Text>
          </View>
        ))}
      </View>
      <LinkRow id="street-dashboard" title="街道看板" desc="辖区各社区的人数和认证情况（只读）" onClick={() => openPage('street')} />
    </>
  )
}
