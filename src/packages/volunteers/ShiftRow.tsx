import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { Tag } from '../../components'
import { formatDateTime, formatTime } from '../../utils/date'
import './volunteers.scss'

/** What every list of shifts shows (volunteer.shift.list, .mine, project.get). */
export interface ShiftSummary {
  id: string
  title: string
  place: string
  startAt: string
  endAt: string
  capacity: number
  seatsLeft: number
  status: string
  upcoming: boolean
  signedUpByMe: boolean
}

/** A shift's state as a tag: what a volunteer needs to know at a glance. */
export function shiftTag(s: Pick<ShiftSummary, 'status' | 'upcoming' | 'seatsLeft' | 'signedUpByMe'>) {
  if (s.status === 'cancelled') return <Tag tone="danger">已取消</Tag>
  if (s.signedUpByMe) return <Tag tone="brand">我已报名</Tag>
  if (!s.upcoming) return <Tag tone="neutral">已开始</Tag>
  return s.seatsLeft > 0 ? <Tag tone="brand">可报名</Tag> : <Tag tone="warning">名额已满</Tag>
}

/** 11月28日 09:00–11:00 */
export const shiftWhen = (s: Pick<ShiftSummary, 'startAt' | 'endAt'>) => `${formatDateTime(s.startAt)}–${formatTime(s.endAt)}`

export function ShiftRow({ shift, showTitle = true, onClick, id, extra }: { shift: ShiftSummary; showTitle?: boolean; onClick: () => void; id?: string; extra?: ReactNode }) {
  return (
    <View id={id} className="vol-row" hoverClass="is-pressed" onClick={onClick}>
      <View className="vol-row__body">
        <View className="vol-row__head">
          {shiftTag(shift)}
          <Text className="vol-row__title">{showTitle ? shift.title : shiftWhen(shift)}</Text>
        </View>
        {showTitle && <Text className="vol-meta">{shiftWhen(shift)}</Text>}
        <Text className="vol-meta">
          {shift.place} · 名额 {shift.capacity}
          {shift.status === 'cancelled' ? '' : `，剩余 ${shift.seatsLeft}`}
        </Text>
      </View>
      {extra}
    </View>
  )
}
