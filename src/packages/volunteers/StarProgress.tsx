import { Text, View } from '@tarojs/components'
import { hoursText, starGlyphs } from './labels'
import './volunteers.scss'

export interface StarProgressProps {
  star: number
  creditedHours: number
  nextStar: { level: number; hours: number } | null
  thresholds: number[]
}

/** The star level held, and how far the credited hours are towards the next one. */
export function StarProgress({ star, creditedHours, nextStar, thresholds }: StarProgressProps) {
  const from = star > 0 ? thresholds[star - 1] : 0
  const share = nextStar ? Math.min(1, Math.max(0, (creditedHours - from) / (nextStar.hours - from))) : 1
  const left = nextStar ? Math.max(0, nextStar.hours - creditedHours) : 0
  return (
    <View id="star-progress" className="vol-star">
      <View className="vol-star__line">
        <Text id="star-level" className="vol-star__level">{star > 0 ? `${star} 星志愿者` : '还未评星'}</Text>
        <Text className="vol-star__stars" aria-label={`${star} 星`}>{starGlyphs(star, thresholds.length)}</Text>
      </View>
      <View className="vol-star__bar" role="progressbar" aria-valuenow={Math.round(share * 100)} aria-valuemin={0} aria-valuemax={100}>
        <View className="vol-star__fill" style={{ width: `${Math.round(share * 100)}%` }} />
      </View>
      <Text id="star-next" className="vol-meta">
        {nextStar ? `再服务 ${hoursText(left)}升为 ${nextStar.level} 星（${nextStar.hours} 小时）` : '已达到最高星级'}
      </Text>
      <Text className="vol-meta">本社区星级门槛：{thresholds.map((h, i) => `${i + 1} 星 ${h} 小时`).join('，')}。只按扫码签到签退的服务时长评定。</Text>
    </View>
  )
}
