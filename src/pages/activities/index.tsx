import { View } from '@tarojs/components'
import { useState } from 'react'
import { Button, ChipGroup, Empty, ExportButton, Page, PagedList, QueryView } from '../../components'
import { useAccess, useMe, usePagedQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../hooks'
import { openPage } from '../../routes'
import { ACTIVITY_CATEGORY_OPTIONS, type ActivityCategory } from '../../utils/labels'
import { ActivityCard } from './ActivityCard'
import './activity-card.scss'

type When = 'upcoming' | 'past' | 'mine'

const WHEN: Array<{ value: When; label: string; id: string }> = [
  { value: 'upcoming', label: '近期活动', id: 'activities-upcoming' },
  { value: 'mine', label: '我的活动', id: 'activities-mine' },
  { value: 'past', label: '往期回顾', id: 'activities-past' },
]

const CATEGORIES = [{ value: 'all', label: '全部', id: 'activity-category-all' }, ...ACTIVITY_CATEGORY_OPTIONS.map((c) => ({ ...c, id: `activity-category-${c.value}` }))]

/**
 * 活动: what is coming up in the community (poster, time, place, organiser, seats
 * left or the waiting line, sign-up deadline), by category; 我的活动 with where I
 * stand in each; and the activities already held.
 */
export default function ActivitiesTabPage() {
  const me = useMe()
  const access = useAccess()
  return (
    <Page id="page-activities" tab="activities">
      <QueryView query={me} rows={4}>
        {() =>
          access.resident || access.street ? (
            <ActivityLists />
          ) : (
            <Empty id="activities-join" title="加入社区后就能报名活动" hint="义诊、读书会、亲子活动……社区的活动在这里发布、报名和签到。" actionText="加入社区" onAction={() => openPage('join')} />
          )
        }
      </QueryView>
    </Page>
  )
}

function ActivityLists() {
  const me = useMe()
  const access = useAccess()
  const [when, setWhen] = useState<When>('upcoming')
  const [category, setCategory] = useState<'all' | ActivityCategory>('all')
  const community = me.data?.current?.communityId
  const list = usePagedQuery('activity.list', { when: when === 'past' ? 'past' : 'upcoming', limit: 20, ...(category === 'all' ? {} : { category }) }, [when, category, community], {
    enabled: when !== 'mine',
  })
  const mine = usePagedQuery('activity.mine', { limit: 20 }, [community], { enabled: when === 'mine' && access.resident })
  useRefreshOnPullDown(list.refresh, mine.refresh)
  useRefreshOnShow(list.refresh, mine.refresh)

  const open = (id: string) => openPage('activity', { id })
  return (
    <>
      {access.canPostActivities && (
        <Button id="activity-new" block className="activities-tab__new" onClick={() => openPage('activityEdit')}>
          发布活动
        </Button>
      )}
      <View className="activities-tab__filters">
        <ChipGroup id="activities-when" wide options={WHEN.filter((w) => w.value !== 'mine' || access.resident)} selected={[when]} onSelect={(v) => setWhen(v as When)} />
      </View>
      {when === 'mine' ? (
        <PagedList
          id="my-activities"
          query={mine}
          empty={{ id: 'my-activities-empty', title: '你还没有报名活动', hint: '在「近期活动」里挑一个感兴趣的，报名后会在这里看到状态。', actionText: '看近期活动', onAction: () => setWhen('upcoming') }}
        >
          {(a, index) => <ActivityCard key={a.id} id={`my-activity-${index}`} activity={a} mine onClick={() => open(a.id)} />}
        </PagedList>
      ) : (
        <>
          <View className="activities-tab__filters">
            <ChipGroup id="activity-category" wide options={CATEGORIES} selected={[category]} onSelect={(v) => setCategory(v as 'all' | ActivityCategory)} />
          </View>
          {access.canExportLists && (
            <ExportButton className="list-export" input={{ kind: 'activities', when: when === 'past' ? 'past' : 'upcoming', ...(category === 'all' ? {} : { category }) }} />
          )}
          <PagedList
            id="activity-list"
            query={list}
            empty={{
              id: 'activities-empty',
              title: when === 'past' ? '还没有往期活动' : category === 'all' ? '近期没有活动' : '这一类近期没有活动',
              hint: when === 'past' ? '活动结束后会留在这里，可以看签到人数和活动小结。' : '居委会和志愿服务队发布活动后，会在这里出现。',
            }}
          >
            {(a, index) => <ActivityCard key={a.id} id={`activity-${index}`} activity={a} onClick={() => open(a.id)} />}
          </PagedList>
        </>
      )}
    </>
  )
}
