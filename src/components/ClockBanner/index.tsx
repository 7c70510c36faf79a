import { Text, View } from '@tarojs/components'
import { formatDateTime } from '../../utils/date'
import { describeShift } from './shift'
import './index.scss'

export interface ClockBannerProps {
  /** the moved clock's time, in ms */
  now: number
  /** how far it stands from real time, in ms (never 0 while shown) */
  shiftMs: number
  onReset: () => void
}

/**
 * A thin bar at the top of every page of the local H5 build while its clock is not
 * real time, so nobody mistakes a fast-forwarded deadline for a real one.
 */
export function ClockBanner({ now, shiftMs, onReset }: ClockBannerProps) {
  return (
    <View id="clock-banner" className="clock-banner" role="status">
      <Text className="clock-banner__text">
        本地时钟：{formatDateTime(new Date(now).toISOString())}（{describeShift(shiftMs)}）
      </Text>
      <View id="clock-banner-reset" className="clock-banner__reset" role="button" hoverClass="is-pressed" onClick={onReset}>
        恢复
      </View>
    </View>
  )
}
