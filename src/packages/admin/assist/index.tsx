import { Text } from '@tarojs/components'
import { Card, Empty, LinkRow, Loading, ErrorState, SectionTitle } from '../../../components'
import { useAccess, usePagedQuery, useRefreshOnPullDown } from '../../../hooks'
import { openPage } from '../../../routes'
import { formatDateTime } from '../../../utils/date'
import { WorkbenchPage } from '../WorkbenchPage'
import '../admin.scss'

/**
 * 代办: where a building lead starts when a resident of their buildings asks for help
 * they cannot get on a phone. Each errand opens the page it belongs to, where the
 * lead picks the resident and records how and when they agreed. Voting is not here:
 * a resident who cannot vote online votes on paper at the meeting.
 */
export default function AssistPage() {
  const access = useAccess()
  const activities = usePagedQuery('activity.list', { when: 'upcoming', limit: 50 }, [], { enabled: access.canSignUpNeighbours })
  useRefreshOnPullDown(activities.refresh)
  const open = activities.items.filter((a) => a.phase === 'open')

  return (
    <WorkbenchPage id="page-admin-assist">
      {() =>
        !access.canSignUpNeighbours ? (
          <Empty id="assist-forbidden" title="只有楼栋长和居委会可以为居民代办" hint="不方便用手机的居民，可以请所在楼栋的楼栋长帮忙。" />
        ) : (
          <>
            <Card id="assist-rules">
              <Text className="admin-note">
                {access.seesAllBuildings ? '可以为本社区的居民代办。' : '只能为你负责楼栋的居民代办。'}
                每一次都须先当面、电话、书面或经家属征得本人同意，并记下同意的方式和时间；居民会在「消息」里收到通知，在自己的记录里看到是谁代办的。投票不能代办，不方便投票的居民可以在议事会上投纸质票。
              </Text>
            </Card>

            <SectionTitle title="代报名活动" />
            {activities.loading && activities.items.length === 0 ? (
              <Loading rows={2} />
            ) : activities.error && activities.items.length === 0 ? (
              <ErrorState error={activities.error} onRetry={activities.refresh} />
            ) : open.length === 0 ? (
              <Empty id="assist-no-activities" title="现在没有报名中的活动" hint="活动开放报名后会出现在这里。" />
            ) : (
              open.map((a, i) => (
                <LinkRow key={a.id} id={`assist-activity-${i}`} title={a.title} desc={`报名截止 ${formatDateTime(a.signupEndAt)} · ${a.place}`} onClick={() => openPage('activityProxy', { id: a.id })} />
              ))
            )}

            {(access.canAssistNeighbours || access.canPostWish) && <SectionTitle title="其他代办" />}
            {access.canAssistNeighbours && (
              <>
                <LinkRow id="assist-cosign" title="代附议" desc="打开正在征集附议的事项，点「为楼栋居民代附议」" onClick={() => openPage('issues')} />
                <LinkRow id="assist-rate" title="代评价" desc="打开已办结的办事项目，点「为楼栋居民代评价」" onClick={() => openPage('tasks')} />
              </>
            )}
            {access.canPostWish && <LinkRow id="assist-wish" title="代发微心愿" desc="替行动不便的居民发布心愿，记下本人如何同意" onClick={() => openPage('wishNew', { for: 'other' })} />}
          </>
        )
      }
    </WorkbenchPage>
  )
}
