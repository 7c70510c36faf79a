import { Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { Button, Card, Empty, ErrorState, LinkRow, Loading, Page, SectionTitle, Tag } from '../../../components'
import { useAccess, useAction, usePagedQuery, useQuery, useRefreshOnPullDown, type PagedItem } from '../../../hooks'
import { openPage, pageParam } from '../../../routes'
import { cx } from '../../../utils/classNames'
import { formatDateTime } from '../../../utils/date'
import { toastError } from '../../../utils/feedback'
import { useCommentReview } from '../commentReview'
import '../council.scss'
import './index.scss'

type Comment = PagedItem<'council.comment.list'>

// A topic's id is its matter's id with `:topic` (council/model.ts topicIdOf).
const issueIdOf = (topicId: string) => topicId.replace(/:topic$/, '')

/** A topic's online discussion: comments and replies, report-to-hide, and the committee's review of hidden ones. */
export default function TopicPage() {
  // Read once at mount, while this page is the current one.
  const [topicId] = useState(() => pageParam('id'))
  const access = useAccess()
  const issue = useQuery('council.issue.get', { issueId: issueIdOf(topicId) }, [topicId], { enabled: !!topicId })
  const comments = usePagedQuery('council.comment.list', { topicId, limit: 50 }, [topicId], { enabled: !!topicId })
  const [text, setText] = useState('')
  const [replyTo, setReplyTo] = useState<Comment | null>(null)
  const add = useAction('council.comment.add', {
    onDone: () => {
      setText('')
      setReplyTo(null)
    },
    done: '已发表',
    refresh: comments.refresh,
  })
  const report = useAction('council.comment.report', {
    confirm: { title: '举报评论', content: '这条评论有不文明、广告或泄露隐私的内容？3 位邻居举报后会先隐藏，由居委会处理。', confirmText: '举报', danger: true },
    done: (res) => (res.hidden ? '已隐藏待处理' : '已举报'),
    refresh: comments.refresh,
  })
  const review = useCommentReview(comments.refresh)
  useRefreshOnPullDown(issue.refresh, comments.refresh)

  if (!topicId) return <Page id="page-topic"><Empty title="没有找到这个议题" hint="请从议题或议事会进入。" /></Page>

  const byId = new Map(comments.items.map((c) => [c.id, c]))

  const send = () => {
    const value = text.trim()
    if (value.length < 2) return toastError({ message: '至少写 2 个字' })
    void add.run({ topicId, text: value, ...(replyTo ? { replyTo: replyTo.id } : {}) })
  }

  return (
    <Page id="page-topic">
      {issue.data ? (
        <LinkRow id="topic-issue" title={issue.data.title} desc={`${issue.data.statusLabel} · 附议 ${issue.data.cosigns} 人 · 查看事项详情`} onClick={() => openPage('issue', { id: issue.data!.id })} />
      ) : issue.error ? (
        <ErrorState error={issue.error} onRetry={() => void issue.refresh()} />
      ) : (
        <Loading rows={1} />
      )}

      <SectionTitle title="讨论" />
      <View id="comment-list">
        {comments.loading && comments.items.length === 0 ? (
          <Loading rows={3} />
        ) : comments.error && comments.items.length === 0 ? (
          <ErrorState error={comments.error} onRetry={() => void comments.refresh()} />
        ) : comments.items.length === 0 ? (
          <Empty id="comments-empty" title="还没有人发表意见" hint="说说你的看法，议事会前大家先交流。" />
        ) : (
          comments.items.map((c, index) => {
            const parent = c.replyTo ? byId.get(c.replyTo) : null
            const shown = c.status === 'visible' || c.status === 'restored'
            return (
              <Card key={c.id} id={`comment-${index}`} className={cx('comment', !shown && 'is-hidden')}>
                <View className="comment__head">
                  <Text className="comment__author">{c.isMine ? '我' : c.authorName}</Text>
                  {c.status === 'hidden' && <Tag tone="warning">已隐藏{c.reports !== undefined ? ` · ${c.reports} 人举报` : ''}</Tag>}
                  {c.status === 'removed' && <Tag tone="danger">已删除</Tag>}
                </View>
                {parent && <Text className="comment__quote">回复 {parent.isMine ? '我' : parent.authorName}：{parent.text.slice(0, 30)}</Text>}
                <Text className="comment__text">{c.text}</Text>
                <View className="comment__foot">
                  <Text className="comment__time">{formatDateTime(c.createdAt)}</Text>
                  {shown && access.canComment && (
                    <Text className="comment__action comment-reply" onClick={() => setReplyTo(c)}>
                      回复
                    </Text>
                  )}
                  {shown && !c.isMine && access.canReport && (
                    <Text className="comment__action comment-report" onClick={() => void report.run({ commentId: c.id })}>
                      举报
                    </Text>
                  )}
                </View>
                {access.canModerate && c.status === 'hidden' && (
                  <View className="council-actions">
                    <Button className="comment-restore" size="compact" variant="secondary" disabled={review.busy} onClick={() => review.restore(c.id)}>
                      恢复显示
                    </Button>
                    <Button className="comment-remove" size="compact" variant="danger" disabled={review.busy} onClick={() => review.askRemove(c.id)}>
                      删除
                    </Button>
                  </View>
                )}
              </Card>
            )
          })
        )}
        {comments.hasMore && (
          <Button id="comments-more" block variant="secondary" className="load-more" disabled={comments.loadingMore} onClick={() => void comments.loadMore()}>
            {comments.loadingMore ? '加载中…' : '加载更多'}
          </Button>
        )}
      </View>

      {access.canComment ? (
        <Card id="comment-form" title={replyTo ? `回复 ${replyTo.isMine ? '我' : replyTo.authorName}` : '发表意见'}>
          <Textarea id="comment-input" className="textarea-box comment-input" value={text} maxlength={500} placeholder="文明发言，对事不对人" onInput={(e) => setText(e.detail.value)} />
          <Text className="textarea-count">{text.length}/500</Text>
          <View className="council-actions">
            {replyTo && (
              <Button id="comment-reply-cancel" variant="secondary" onClick={() => setReplyTo(null)}>
                不回复了
              </Button>
            )}
            <Button id="comment-submit" disabled={add.loading} onClick={send}>
              {add.loading ? '正在发表…' : '发表'}
            </Button>
          </View>
        </Card>
      ) : (
        <Text className="council-note">认证后的居民可以发表意见。</Text>
      )}

      {review.modal}
    </Page>
  )
}
