import { Text, View } from '@tarojs/components'
import type { ActionOutput } from '../../../api'
import { Button, Card, Empty, Page, QueryView, Tag } from '../../../components'
import { useAccess, useMe, useQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../../hooks'
import { openPage } from '../../../routes'
import { formatDateTime } from '../../../utils/date'
import { useCommentReview } from '../commentReview'
import '../council.scss'
import './index.scss'

type Pending = ActionOutput<'council.comment.pending'>['items'][number]

/** 居委会: comments hidden after neighbours' reports, oldest first, each restored or removed for good. */
export default function ReportsPage() {
  const me = useMe()
  const access = useAccess()
  return (
    <Page id="page-reports">
      <QueryView query={me} rows={4}>
        {() => (access.canModerate ? <ReportQueue /> : <Empty id="reports-forbidden" title="举报处理只对居委会开放" hint="看到不文明的评论，可以在评论下点「举报」。" />)}
      </QueryView>
    </Page>
  )
}

function ReportQueue() {
  const pending = useQuery('council.comment.pending', { limit: 50 })
  const review = useCommentReview(pending.refresh)
  useRefreshOnPullDown(pending.refresh)
  useRefreshOnShow(pending.refresh)

  return (
    <>
      <Text className="council-note">被 3 位以上邻居举报的评论已先隐藏。核实后恢复显示，或删除并通知作者；每次处理都记入审计日志。</Text>
      <QueryView query={pending} rows={3}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty id="reports-empty" title="没有待处理的举报" hint="邻居举报的评论累计 3 人后会出现在这里。" />
          ) : (
            <View id="report-list">
              {data.total > data.items.length && <Text className="council-meta">共 {data.total} 条，先显示最早的 {data.items.length} 条</Text>}
              {data.items.map((c, index) => (
                <ReportItem key={c.id} index={index} comment={c} busy={review.busy} onRestore={() => review.restore(c.id)} onRemove={() => review.askRemove(c.id)} />
              ))}
            </View>
          )
        }
      </QueryView>
      {review.modal}
    </>
  )
}

function ReportItem({ comment: c, index, busy, onRestore, onRemove }: { comment: Pending; index: number; busy: boolean; onRestore: () => void; onRemove: () => void }) {
  return (
    <Card id={`report-${index}`} className="report-item">
      <View className="report-item__topic" hoverClass="is-pressed" onClick={() => openPage('topic', { id: c.topicId })}>
        <Text className="report-item__topic-title">议题：{c.topicTitle}</Text>
        <Text className="report-item__arrow">›</Text>
      </View>
      <View className="row-between">
        <Text className="plain-line">{c.authorName}</Text>
        <Tag tone="warning">{c.reports ?? 0} 人举报</Tag>
      </View>
      <Text className="council-body report-item__text">{c.text}</Text>
      {c.reasons.length > 0 && <Text className="council-meta report-item__reasons">举报理由：{c.reasons.join('；')}</Text>}
      <Text className="council-meta">发表于 {formatDateTime(c.createdAt)}</Text>
      <View className="council-actions">
        <Button className="report-restore" size="compact" variant="secondary" disabled={busy} onClick={onRestore}>
          恢复显示
        </Button>
        <Button className="report-remove" size="compact" variant="danger" disabled={busy} onClick={onRemove}>
          保持隐藏并删除
        </Button>
      </View>
    </Card>
  )
}
