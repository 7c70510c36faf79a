import { Image, Text, View } from '@tarojs/components'
import { fileUrl } from '../../api/fileUrl'
import { Tag } from '../../components'
import type { PagedItem } from '../../hooks'
import { formatDay } from '../../utils/date'
import { cosignLine, issueStatusTone } from '../../utils/labels'
import './council.scss'

export type IssueItem = PagedItem<'council.issue.list'>

/** One matter in a list: status, title, category, who raised it, co-signs against the threshold. */
export function IssueCard({ issue, onClick, id }: { issue: IssueItem; onClick: () => void; id?: string }) {
  const cosigns = cosignLine(issue)
  return (
    <View id={id} className="issue-card" hoverClass="is-pressed" onClick={onClick}>
      <View className="issue-card__main">
        <View className="issue-card__head">
          <Tag tone={issueStatusTone(issue.status)}>{issue.statusLabel}</Tag>
          <Text className="issue-card__title">{issue.title}</Text>
        </View>
        <Text className="issue-card__meta">
          {issue.categoryLabel} · {issue.isMine ? '我' : issue.authorName} · {formatDay(issue.createdAt)}
        </Text>
        {cosigns && (
          <Text className="issue-card__cosigns">
            {cosigns}
            {issue.cosignedByMe ? ' · 我已附议' : ''}
          </Text>
        )}
      </View>
      {issue.cover && <Image className="issue-card__cover" src={fileUrl(issue.cover)} mode="aspectFill" lazyLoad />}
    </View>
  )
}
