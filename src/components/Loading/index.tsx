import { Text, View } from '@tarojs/components'
import './index.scss'

export interface LoadingProps {
  /** How many skeleton lines stand in for the content. */
  rows?: number
  text?: string
}

/** Skeleton lines plus 加载中…, shown while the first answer is on its way. */
export function Loading({ rows = 3, text = '加载中…' }: LoadingProps) {
  return (
    <View className="loading" aria-busy="true">
      {Array.from({ length: rows }, (_, i) => (
        <View key={i} className={rows > 1 && i === rows - 1 ? 'loading__line loading__line--short' : 'loading__line'} />
      ))}
      <Text className="loading__text">{text}</Text>
    </View>
  )
}
