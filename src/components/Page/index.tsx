import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { useLocalClock } from '../../hooks/useLocalClock'
import { useElderMode } from '../../theme'
import { cx } from '../../utils/classNames'
import { ClockBanner } from '../ClockBanner'
import './index.scss'

export interface PageProps {
  children: ReactNode
  /** Stable hook for e2e tests, e.g. `page-home`. */
  id?: string
  className?: string
}

/**
 * Root of every page: carries the theme tokens and the 长辈模式 class, and the
 * common padding including the bottom safe area. In the local H5 build it shows
 * the banner of a moved clock.
 */
export function Page({ children, id, className }: PageProps) {
  const { elder } = useElderMode()
  return (
    <View id={id} className={cx('app-page', elder && 'is-elder', className)}>
      {process.env.TARO_ENV === 'h5' && <LocalClock />}
      {children}
    </View>
  )
}

function LocalClock() {
  const clock = useLocalClock()
  if (clock.shiftMs === 0) return null
  return <ClockBanner now={clock.now} shiftMs={clock.shiftMs} onReset={() => void clock.reset()} />
}
