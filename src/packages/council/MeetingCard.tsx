import { Text, View } from '@tarojs/components'
import { Tag } from '../../components'
import type { PagedItem } from '../../hooks'
import { formatDateTime, formatTime } from '../../utils/date'
import './council.scss'

export type MeetingItem = PagedItem<'council.meeting.list'>

/** 议事会 status as a tag: what a resident needs to know at a glance. */
export function meetingTag(m: { status: string; upcoming: boolean; seatsLeft: number; hasMinutes: boolean }) {
  if (m.status === 'cancelled') return <Tag tone="danger">已取消</Tag>
  if (m.status === 'held' || m.hasMinutes) return <Tag tone="neutral">已召开</Tag>
  if (!m.upcoming) return <Tag tone="brand">进行中</Tag>
  return m.seatsLeft > 0 ? <Tag tone="brand">报名中</Tag> : <Tag tone="warning">名额已满</Tag>
}

export function MeetingCard({ meeting, onClick, id }: { meeting: MeetingItem; onClick: () => void; id?: string }) {
  return (
    <View id={id} className="issue-card" hoverClass="is-pressed" onClick={onClick}>
      <View className="issue-card__main">
        <View className="issue-card__head">
          {meetingTag(meeting)}
          <Text className="issue-card__title">{meeting.title}</Text>
        </View>
        <Text className="issue-card__meta">
          {formatDateTime(meeting.startAt)}–{formatTime(meeting.endAt)} · {meeting.place}
        </Text>
        <Text className="issue-card__cosigns">
          {meeting.topics} 个议题 · 已报名 {meeting.registered}/{meeting.capacity}
          {meeting.registeredByMe ? ' · 我已报名' : ''}
        </Text>
      </View>
    </View>
  )
}
