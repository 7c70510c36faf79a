import { Image, Text, View } from '@tarojs/components'
import { fileUrl } from '../../api/fileUrl'
import { Tag } from '../../components'
import type { PagedItem } from '../../hooks'
import { formatDateTime, formatTime } from '../../utils/date'
import { activityCategoryLabel } from '../../utils/labels'
import { activityTag, myActivityTag, seatsLine } from './words'
import './activity-card.scss'

type Listed = PagedItem<'activity.list'>
type Mine = PagedItem<'activity.mine'>
/** A card of the list, or of 我的活动 (which adds where I stand). */
export type ActivityItem = Listed | Mine

/**
 * One activity in a list: its poster, what it is, when (China time, as the phone
 * shows it), where, who organises it, the seats left or the waiting line, and
 * until when one can sign up; in 我的活动 also where the person stands.
 */
export function ActivityCard({ activity: a, mine, onClick, id }: { activity: ActivityItem; mine?: boolean; onClick: () => void; id?: string }) {
  const status = mine && 'myStatus' in a ? myActivityTag(a) : null
  const category = activityCategoryLabel(a.category)
  const tag = activityTag(a)
  return (
    <View id={id} className="activity-card" hoverClass="is-pressed" onClick={onClick}>
      {a.poster ? (
        <Image className="activity-card__poster" src={fileUrl(a.poster)} mode="aspectFill" lazyLoad />
      ) : (
        <View className="activity-card__poster activity-card__poster--none">
          <Text>{category}</Text>
        </View>
      )}
      <View className="activity-card__main">
        <View className="activity-card__tags">
          {status ? <Tag tone={status.tone} className="activity-card__mine">{status.text}</Tag> : <Tag tone={tag.tone}>{tag.text}</Tag>}
          <Tag>{category}</Tag>
        </View>
        <Text className="activity-card__title">{a.title}</Text>
        <Text className="activity-card__line">
          {formatDateTime(a.startAt)}–{formatTime(a.endAt)}
        </Text>
        <Text className="activity-card__line">{a.place}</Text>
        <Text className="activity-card__line">主办：{a.organiser}</Text>
        <Text className="activity-card__seats">{seatsLine(a)}</Text>
        {a.phase === 'open' && <Text className="activity-card__line">报名截止：{formatDateTime(a.signupEndAt)}</Text>}
      </View>
    </View>
  )
}
