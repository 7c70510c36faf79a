import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.scss'

export interface LinkRowProps {
  title: string
  desc?: string
  /** Left of the arrow, e.g. a Tag. */
  extra?: ReactNode
  onClick: () => void
  id?: string
}

/** A list cell that leads somewhere, with WeChat's › arrow. */
export function LinkRow({ title, desc, extra, onClick, id }: LinkRowProps) {
  return (
    <View id={id} className="link-row" hoverClass="is-pressed" onClick={onClick}>
      <View className="link-row__body">
        <Text className="link-row__title">{title}</Text>
        {desc && <Text className="link-row__desc">{desc}</Text>}
      </View>
      {extra}
      <Text className="link-row__arrow">›</Text>
    </View>
  )
}
