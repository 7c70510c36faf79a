import { Text, View } from '@tarojs/components'
import type { ActionOutput } from '../../../api'
import { Card, Empty, PagedList, Page, QueryView, Tag } from '../../../components'
import { useAccess, usePagedQuery, useQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../../hooks'
import { openPage, pageParam } from '../../../routes'
import { formatDateTime } from '../../../utils/date'
import '../mall.scss'

type Mine = ActionOutput<'wish.mine'>['items'][number]
type Queued = ActionOutput<'wish.queue'>['items'][number]

const ROLE_LABELS = { claimer: '我认领的', poster: '我发布的', beneficiary: '为我发布的' } as const

/** 我的心愿 — and, for the committee (?view=review), the wishes waiting to be screened. */
export default function MyWishesPage() {
  const access = useAccess()
  const review = pageParam('view') === 'review' && access.canReviewWishes
  return <Page id="page-my-wishes" className="mall-page">{review ? <ReviewQueue /> : <Mine />}</Page>
}

function Mine() {
  const mine = useQuery('wish.mine', {})
  useRefreshOnPullDown(mine.refresh)
  useRefreshOnShow(mine.refresh)
  return (
    <QueryView query={mine} rows={4}>
      {(data) => (
        <>
          {data.servedWishes > 0 && (
            <Card id="my-wishes-served">
              <Text>
                已帮邻居实现 {data.servedWishes} 个心愿，服务 {data.servedHours} 小时
              </Text>
              <Text className="mall-note">心愿的服务时长由志愿者填写、受助人确认，不是扫码记录的时长。</Text>
            </Card>
          )}
          {data.items.length === 0 ? (
            <Empty id="my-wishes-empty" title="还没有心愿" hint="发布的、为你发布的和你认领的心愿都会在这里。" actionText="去心愿墙" onAction={() => openPage('wishes')} />
          ) : (
            data.items.map((w: Mine, index) => (
              <Card key={w.id} id={`my-wish-${index}`} onClick={() => openPage('wish', { id: w.id })}>
                <View className="mall-balance">
                  <Text className="mall-row__title">{w.title}</Text>
                  <Tag tone={w.status === 'done' ? 'neutral' : w.status === 'rejected' ? 'danger' : 'brand'}>{w.statusLabel}</Tag>
                </View>
                <Text className="wish-facts">
                  {ROLE_LABELS[w.role]} · {w.beneficiary} · {formatDateTime(w.updatedAt)}
                  {w.points ? ` · 获得 ${w.points} 积分` : ''}
                </Text>
              </Card>
            ))
          )}
        </>
      )}
    </QueryView>
  )
}

function ReviewQueue() {
  const queue = usePagedQuery('wish.queue', { status: 'pending' })
  useRefreshOnPullDown(queue.refresh)
  useRefreshOnShow(queue.refresh)
  return (
    <PagedList id="wish-queue" query={queue} empty={{ title: '没有待审核的心愿', hint: '居民发布的心愿会先出现在这里。' }}>
      {(w: Queued, index) => (
        <Card id={`wish-queue-${index}`} onClick={() => openPage('wish', { id: w.id })}>
          <Text className="mall-row__title">{w.title}</Text>
          <Text className="wish-content">{w.content}</Text>
          <Text className="wish-facts">
            受助人 {w.beneficiary}
            {w.onBehalf ? `（代发布，${w.consent}）` : ''} · {w.categoryLabel} · {formatDateTime(w.createdAt)}
          </Text>
        </Card>
      )}
    </PagedList>
  )
}
