import { Button, NoticeCard, Page, PagedList } from '../../../components'
import { useAccess, usePagedQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../../hooks'
import { openPage } from '../../../routes'
import '../council.scss'

/** 让邻知事: decisions, progress, spending and results, newest first; those under 公示 say until when. */
export default function BoardPage() {
  const access = useAccess()
  const notices = usePagedQuery('notice.list', { limit: 20 })
  useRefreshOnPullDown(notices.refresh)
  useRefreshOnShow(notices.refresh)

  return (
    <Page id="page-board">
      {access.canPublishNotices && (
        <Button id="board-publish" block className="issues__raise" onClick={() => openPage('noticeNew')}>
          发布公示
        </Button>
      )}
      <PagedList
        id="board-list"
        query={notices}
        empty={{ id: 'board-empty', title: '公示栏还是空的', hint: '议事会的决议、办事进度和每一笔支出都会在这里公示。' }}
      >
        {(notice) => <NoticeCard key={notice.id} notice={notice} onClick={() => openPage('notice', { id: notice.id })} />}
      </PagedList>
    </Page>
  )
}
