import { View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import type { ReactNode } from 'react'
import { useLocalClock } from '../../hooks/useLocalClock'
import { tabIndex, type TabBarHandle, type TabName } from '../../tabBar'
import { useElderMode } from '../../theme'
import { cx } from '../../utils/classNames'
import { ClockBanner } from '../ClockBanner'
import './index.scss'

export interface PageProps {
  children: ReactNode
  /** Stable hook for e2e tests, e.g. `page-home`. */
  id?: string
  className?: string
  /** On a tab page: which tab it is, lit in the weapp's custom tab bar. */
  tab?: TabName
}

/**
 * Root of every page: carries the theme tokens and the 长辈模式 class, and the
 * common padding including the bottom safe area. In the local H5 build it shows
 * the banner of a moved clock.
 */
export function Page({ children, id, className, tab }: PageProps) {
  const { elder } = useElderMode()
  useDidShow(() => {
    // Each tab page has its own instance of the bar; WeChat leaves lighting the
    // right tab to the page (Taro's H5 bar follows the route by itself).
    if (process.env.TARO_ENV !== 'weapp' || !tab) return
    Taro.getTabBar<TabBarHandle>(Taro.getCurrentInstance().page)?.setSelected(tabIndex(tab))
  })
  const weappTab = process.env.TARO_ENV === 'weapp' && tab
  return (
    <View id={id} className={cx('app-page', elder && 'is-elder', weappTab && 'has-tab-bar', className)}>
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
