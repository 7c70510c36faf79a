import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { cx } from '../../utils/classNames'
import './index.scss'

export interface CardProps {
  children?: ReactNode
  title?: string
  /** Shown at the right of the title, e.g. a Tag. */
  extra?: ReactNode
  onClick?: () => void
  id?: string
  className?: string
}

/** A white block on the grey page: the unit content is grouped in. */
export function Card({ children, title, extra, onClick, id, className }: CardProps) {
  return (
    <View
      id={id}
      className={cx('card', onClick && 'card--tappable', className)}
      hoverClass={onClick ? 'is-pressed' : 'none'}
      onClick={onClick}
    >
      {(title || extra) && (
        <View className="card__head">
          {title && <Text className="card__title">{title}</Text>}
          {extra}
        </View>
      )}
      {children}
    </View>
  )
}
