import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Button, Empty, ErrorState, Loading, Page, SectionTitle } from '../../../components'
import { useAction, usePagedQuery, useQuery, useRefreshOnPullDown, useRefreshOnShow, type PagedItem } from '../../../hooks'
import { openLink } from '../../../routes'
import { cx } from '../../../utils/classNames'
import { formatDateTime } from '../../../utils/date'
import { toastError } from '../../../utils/feedback'
import './index.scss'

type Message = PagedItem<'message.list'>

/**
 * 消息中心: everything the app told the person, from every area, newest first.
 * WeChat's subscribe messages are one-off and optional; this list is the full record.
 */
export default function MessagesPage() {
  const messages = usePagedQuery('message.list', { limit: 20 })
  // The unread count of the whole inbox, not only of the pages loaded.
  const unread = useQuery('message.list', { limit: 1, unreadOnly: true })
  // One message is marked quietly as it is opened; 全部已读 says so.
  const markRead = useAction('message.markRead', { onError: 'quiet' })
  const markAllRead = useAction('message.markRead', {
    onDone: () => setReadHere(new Set(messages.items.map((m) => m.id))),
    done: '已全部已读',
    refresh: unread.refresh,
  })
  // Marked read here before the server answers, so the dot goes at the tap.
  const [readHere, setReadHere] = useState<Set<string>>(new Set())
  const refresh = () => Promise.all([messages.refresh(), unread.refresh()]).then(() => setReadHere(new Set()))
  useRefreshOnPullDown(refresh)
  useRefreshOnShow(unread.refresh)

  const isRead = (m: Message) => m.read || readHere.has(m.id)
  const unreadCount = Math.max(0, (unread.data?.unread ?? 0) - messages.items.filter((m) => !m.read && readHere.has(m.id)).length)

  const open = async (m: Message) => {
    if (!isRead(m)) {
      setReadHere((s) => new Set(s).add(m.id))
      void markRead.run({ messageId: m.id })
    }
    if (m.link && !(await openLink(m.link))) toastError({ message: '这个页面还没有开放，请更新小程序后再看' })
  }

  return (
    <Page id="page-messages">
      <SectionTitle
        title={unreadCount > 0 ? `${unreadCount} 条未读` : '消息'}
        extra={
          unreadCount > 0 ? (
            <Button id="messages-read-all" variant="text" size="compact" disabled={markAllRead.loading} onClick={() => void markAllRead.run({})}>
              全部已读
            </Button>
          ) : undefined
        }
      />
      <View id="message-list">
        {messages.loading && messages.items.length === 0 ? (
          <Loading rows={4} />
        ) : messages.error && messages.items.length === 0 ? (
          <ErrorState error={messages.error} onRetry={() => void refresh()} />
        ) : messages.items.length === 0 ? (
          <Empty id="messages-empty" title="还没有消息" hint="你说的事有了进展、报名的议事会有变动，都会在这里告诉你。" />
        ) : (
          <View className="message-list">
            {messages.items.map((m, index) => {
              const read = isRead(m)
              return (
                <View
                  key={m.id}
                  id={`message-${index}`}
                  className={cx('message-row', !read && 'is-unread')}
                  hoverClass="is-pressed"
                  onClick={() => void open(m)}
                >
                  <View className="message-row__dot" />
                  <View className="message-row__body">
                    <Text className="message-row__title">{m.title}</Text>
                    <Text className="message-row__text">{m.body}</Text>
                    <Text className="message-row__time">{formatDateTime(m.createdAt)}</Text>
                  </View>
                  {m.link && <Text className="message-row__arrow">›</Text>}
                </View>
              )
            })}
          </View>
        )}
        {messages.hasMore && (
          <Button id="messages-more" block variant="secondary" className="message-more" disabled={messages.loadingMore} onClick={() => void messages.loadMore()}>
            {messages.loadingMore ? '加载中…' : '加载更多'}
          </Button>
        )}
      </View>
    </Page>
  )
}
