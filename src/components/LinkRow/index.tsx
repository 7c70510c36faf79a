import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.scss'

export interface LinkRowProps {
  title: string
  /** a line under the title: text, or text with <Unbroken> parts */
  desc?: ReactNode
  /** Left of the arrow, e.g. a Tag. */
  extra?: ReactNode
  onClick: () => void
  id?: string
}

/** Part of a LinkRow's line that wraps as a whole (a date with its 截止), never mid-phrase. */
export function Unbroken({ children }: { children: ReactNode }) {
  return <Text className="link-row__unbroken">{children}</Text>
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
