import { Text, View } from '@tarojs/components'
import { AreaTile, Badge, Button, Empty, ErrorState, LinkRow, Loading, NoticeCard, Page, SectionTitle, Tag, type TileTone } from '../../components'
import { useAccess, useMe, useRefreshOnPullDown, useRefreshOnShow } from '../../hooks'
import { openArea, openPage, type Area } from '../../routes'
import { membershipStatusLabel, membershipStatusTone } from '../../utils/labels'
import { TodaySection } from './today/TodaySection'
import { useToday } from './today/useToday'
import { useShareScene } from './useShareScene'
import './index.scss'

const SHORTCUTS: Array<{ id: string; title: string; glyph: string; tone: TileTone; area: Area; query?: Record<string, string> }> = [
  { id: 'tile-council', title: '议事', glyph: '议', tone: 'green', area: 'council' },
  { id: 'tile-activities', title: '活动', glyph: '活', tone: 'blue', area: 'activities' },
  { id: 'tile-awards', title: '最美邻里', glyph: '邻', tone: 'red', area: 'awards' },
  { id: 'tile-volunteers', title: '志愿服务', glyph: '志', tone: 'orange', area: 'volunteers' },
  { id: 'tile-wishes', title: '微心愿', glyph: '愿', tone: 'purple', area: 'wishes' },
]

/** 首页 takes the newest notices and the unread badge from home.today: one call where there were three. */
const WITH_BOARD = { notices: 5, unread: true }

export default function HomePage() {
  const me = useMe()
  const access = useAccess()
  const current = me.data?.current ?? null
  const today = useToday(WITH_BOARD)
  const notices = today.data && today.data.kind !== 'visitor' ? today.data.notices : null
  const unread = { count: today.data?.kind === 'member' && access.canReadMessages ? (today.data.unread ?? 0) : 0 }
  useShareScene()
  useRefreshOnPullDown(me.refresh, today.refresh)
  // Back from joining or switching community, voting or signing up on another page.
  useRefreshOnShow(me.refresh, today.refresh)

  return (
    <Page id="page-home" tab="home">
      {me.loading && !me.data ? (
        <Loading rows={1} />
      ) : me.error && !me.data ? (
        <ErrorState error={me.error} onRetry={me.refresh} />
      ) : (
        <View className="home-community">
          <Text className="home-community__label">当前社区</Text>
          {current ? (
            <View className="home-community__row">
              <Text id="community-name" className="home-community__name">{current.communityName}</Text>
              {!access.street && (
                <Tag tone={membershipStatusTone(current.status)}>{membershipStatusLabel(current.status)}</Tag>
              )}
            </View>
          ) : (
            <>
              <Text id="community-none" className="home-community__name">还没有加入社区</Text>
              <Text className="home-community__hint">
                凭居委会或楼栋长给的邀请码加入你所在的社区，就能看公告、参加议事和活动。
              </Text>
              <Button id="home-join" block className="home-community__join" onClick={() => openPage('join')}>
                加入社区
              </Button>
            </>
          )}
        </View>
      )}

      {unread.count > 0 && (
        <View className="home-messages">
          <LinkRow
          id="home-messages"
          title="消息中心"
          desc={`你有 ${unread.count} 条未读消息`}
          extra={<Badge count={unread.count} />}
          onClick={() => openPage('messages')}
          />
        </View>
      )}

      {current && <TodaySection today={today} />}

      <SectionTitle title="社区服务" />
      <View className="home-tiles">
        {SHORTCUTS.map((tile) => (
          <AreaTile
            key={tile.id}
            id={tile.id}
            title={tile.title}
            glyph={tile.glyph}
            tone={tile.tone}
            onClick={() => openArea(tile.area, tile.query)}
          />
        ))}
      </View>

      {current && (
        <>
          <SectionTitle title="社区公告" />
          <View id="notice-list">
            {today.loading && !notices ? (
              <Loading />
            ) : today.error && !notices ? (
              <ErrorState error={today.error} onRetry={today.refresh} />
            ) : notices && notices.length > 0 ? (
              notices.map((notice) => <NoticeCard key={notice.id} notice={notice} onClick={() => openPage('notice', { id: notice.id })} />)
            ) : (
              <Empty id="notice-empty" title="暂无公告" hint="居委会发布的决议、进度和公示会显示在这里。" />
            )}
          </View>
        </>
      )}
    </Page>
  )
}
