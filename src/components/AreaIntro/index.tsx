import { Text, View } from '@tarojs/components'
import { cx } from '../../utils/classNames'
import { Tag } from '../Tag'
import './index.scss'

export interface AreaFeature {
  /** Stable key, also usable to highlight the feature a link pointed at. */
  key: string
  name: string
  desc: string
}

export interface AreaIntroProps {
  title: string
  summary: string
  features: AreaFeature[]
  /** Where the area stands; defaults to 即将开放 while it is being built. */
  status?: string
  /** Feature to bring forward, e.g. 微心愿 when reached from its own tile. */
  highlight?: string
  id?: string
}

/** What an area is for and what it will offer, said plainly. */
export function AreaIntro({ title, summary, features, status = '即将开放', highlight, id }: AreaIntroProps) {
  return (
    <View id={id} className="area-intro">
      <View className="area-intro__head">
        <Text className="area-intro__title">{title}</Text>
        <Tag tone="warning" className="area-intro__status">{status}</Tag>
      </View>
      <Text className="area-intro__summary">{summary}</Text>
      <View className="area-intro__features">
        {features.map((feature) => (
          <View
            key={feature.key}
            id={`feature-${feature.key}`}
            className={cx('area-intro__feature', feature.key === highlight && 'is-highlighted')}
          >
            <Text className="area-intro__feature-name">{feature.name}</Text>
            <Text className="area-intro__feature-desc">{feature.desc}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
