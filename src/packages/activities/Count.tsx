import { Text, View } from '@tarojs/components'
import './activities.scss'

/** One figure with its label under it: 已签到 12. */
export function Count({ label, value, id }: { label: string; value: number; id?: string }) {
  return (
    <View className="activity-count-box">
      <Text id={id} className="activity-count-box__value">
        {value}
      </Text>
      <Text className="activity-count-box__label">{label}</Text>
    </View>
  )
}
