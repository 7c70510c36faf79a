import { View } from '@tarojs/components'
import { Button, Empty, ErrorState, Loading, NoticeCard, Page } from '../../../components'
import { usePagedQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../../hooks'
import { openPage } from '../../../routes'
import '../council.scss'

/** 让邻知事: decisions, progress, spending and results, newest first; those under 公示 say until when. */
export default function BoardPage() {
  const notices = usePagedQuery('notice.list', { limit: 20 })
  useRefreshOnPullDown(notices.refresh)
  useRefreshOnShow(notices.refresh)

  return (
    <Page id="page-board">
      <View id="board-list">
        {notices.loading && notices.items.length === 0 ? (
          <Loading rows={4} />
        ) : notices.error && notices.items.length === 0 ? (
          <ErrorState error={notices.error} onRetry={() => void notices.refresh()} />
        ) : notices.items.length === 0 ? (
          <Empty id="board-empty" title="公示栏还是空的" hint="议事会的决议、办事进度和每一笔支出都会在这里公示。" />
        ) : (
          notices.items.map((notice) => <NoticeCard key={notice.id} notice={notice} onClick={() => openPage('notice', { id: notice.id })} />)
        )}
        {notices.hasMore && (
          <Button id="board-more" block variant="secondary" className="load-more" disabled={notices.loadingMore} onClick={() => void notices.loadMore()}>
            {notices.loadingMore ? '加载中…' : '加载更多'}
          </Button>
        )}
      </View>
    </Page>
  )
}
