import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { useElderMode } from '../../theme'
import { cx } from '../../utils/classNames'
import './index.scss'

export interface PageProps {
  children: ReactNode
  /** Stable hook for e2e tests, e.g. `page-home`. */
  id?: string
  className?: string
}

/**
 * Root of every page: carries the theme tokens and the 长辈模式 class, and the
 * common padding including the bottom safe area.
 */
export function Page({ children, id, className }: PageProps) {
  const { elder } = useElderMode()
  return (
    <View id={id} className={cx('app-page', elder && 'is-elder', className)}>
      {children}
    </View>
  )
}
