import { Text } from '@tarojs/components'
import type { ReactNode } from 'react'
import { cx } from '../../utils/classNames'
import './index.scss'

export interface TagProps {
  children: ReactNode
  /** brand: a positive state (已认证); warning: waiting on something; danger: refused (未通过); neutral: plain label. */
  tone?: 'brand' | 'warning' | 'danger' | 'neutral'
  className?: string
  id?: string
}

export function Tag({ children, tone = 'neutral', className, id }: TagProps) {
  return (
    <Text id={id} className={cx('tag', `tag--${tone}`, className)}>
      {children}
    </Text>
  )
}
