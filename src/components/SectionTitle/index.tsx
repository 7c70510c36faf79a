import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.scss'

export interface SectionTitleProps {
  title: string
  /** Right-hand side: a count, a link. */
  extra?: ReactNode
  id?: string
}

export function SectionTitle({ title, extra, id }: SectionTitleProps) {
  return (
    <View id={id} className="section-title">
      <Text className="section-title__text">{title}</Text>
      {extra}
    </View>
  )
}
