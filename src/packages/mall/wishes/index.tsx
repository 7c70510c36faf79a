import { Text, View } from '@tarojs/components'
import type { ActionOutput } from '../../../api'
import { Card, LinkRow, PagedList, Page, Tag } from '../../../components'
import { useAccess, usePagedQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../../hooks'
import { openPage } from '../../../routes'
import { formatDay } from '../../../utils/date'
import '../mall.scss'

type Wish = ActionOutput<'wish.wall'>['items'][number]

/** 心愿墙: screened wishes waiting for a volunteer, those returned or waiting long first; names masked. */
export default function WishWallPage() {
  const access = useAccess()
  const wall = usePagedQuery('wish.wall', {})
  useRefreshOnPullDown(wall.refresh)
  useRefreshOnShow(wall.refresh)
  return (
    <Page id="page-wishes" className="mall-page">
      <Text className="mall-page-note">困难邻居的小心愿，经居委会审核后上墙。志愿者认领后 7 天内帮忙实现，受助人确认后记录服务时长和积分。</Text>
      {access.canPostWish && <LinkRow id="wishes-new" title="发布微心愿" desc="为自己发布，楼栋长和居委会也可征得同意后代邻居发布" onClick={() => openPage('wishNew')} />}
      <LinkRow id="wishes-mine" title="我的心愿" desc="我发布的、为我发布的和我认领的" onClick={() => openPage('myWishes')} />
      {access.canReviewWishes && <LinkRow id="wishes-queue" title="审核心愿" desc="待审核的心愿，通过后上墙" onClick={() => openPage('myWishes', { view: 'review' })} />}
      <PagedList id="wishes-list" query={wall} empty={{ title: '心愿墙上暂时没有心愿', hint: '审核通过的心愿会显示在这里。' }}>
        {(wish: Wish, index) => (
          <Card id={`wish-card-${index}`} onClick={() => openPage('wish', { id: wish.id })}>
            <View className="mall-balance">
              <Text className="mall-row__title">{wish.title}</Text>
              {wish.priority && <Tag tone="warning">优先</Tag>}
            </View>
            <Text className="wish-content">{wish.content}</Text>
            <Text className="wish-facts">
              {wish.beneficiary} · {wish.categoryLabel} · 希望 {formatDay(`${wish.byDate}T12:00:00+08:00`)}前实现
            </Text>
            {access.canClaimWishes && <Text className="mall-row__why">点开可认领</Text>}
          </Card>
        )}
      </PagedList>
    </Page>
  )
}
