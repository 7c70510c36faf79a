import { Text, View } from '@tarojs/components'
import { formatDay } from '../../utils/date'
import { noticeCategoryLabel } from '../../utils/labels'
import { Tag } from '../Tag'
import './index.scss'

export interface NoticeSummary {
  id: string
  title: string
  summary: string
  category: string
  /** ISO date-time; empty when the server has none. */
  publishedAt: string
  /** End of the 公示 period (ISO), or null when the notice is not under 公示. */
  publicUntil: string | null
}

export interface NoticeCardProps {
  notice: NoticeSummary
  onClick?: () => void
}

/** One entry of the public board (知事): category, title, summary, dates. */
export function NoticeCard({ notice, onClick }: NoticeCardProps) {
  return (
    <View className="notice-card" hoverClass={onClick ? 'is-pressed' : 'none'} onClick={onClick}>
      <View className="notice-card__head">
        <Tag tone="brand">{noticeCategoryLabel(notice.category)}</Tag>
        <Text className="notice-card__title">{notice.title}</Text>
      </View>
      {notice.summary && <Text className="notice-card__summary">{notice.summary}</Text>}
      <View className="notice-card__meta">
        {notice.publishedAt && <Text className="notice-card__date">{formatDay(notice.publishedAt)} 发布</Text>}
        {notice.publicUntil && (
          <Text className="notice-card__public">公示至 {formatDay(notice.publicUntil)}</Text>
        )}
      </View>
    </View>
  )
}
