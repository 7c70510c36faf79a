import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Button, Card, Empty, Page, QueryView } from '../../../components'
import { AttendeeList, MarkAttendance, OrganiserCode, ScanPersonalCode, type SignedUpPerson } from '../../../components/Checkin'
import { useAction, useQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../../hooks'
import { goBack, pageParam } from '../../../routes'
import { formatDateTime, formatTime } from '../../../utils/date'
import { toastError } from '../../../utils/feedback'
import { openSpreadsheet } from '../../../utils/spreadsheet'
import { ACTIVITY_ROLES, activityEvent, type ActivityDetail } from '../types'
import { Count } from '../Count'
import '../activities.scss'

/**
 * The organiser at the door: the rotating code to scan, a resident's own code
 * scanned, marking by hand from those registered; then who came, and the
 * registrations and attendance as a spreadsheet.
 */
export default function ActivityCheckinPage() {
  // Read once at mount, while this page is the current one.
  const [activityId] = useState(() => pageParam('id'))
  const activity = useQuery('activity.get', { activityId }, [activityId], { enabled: !!activityId })
  useRefreshOnPullDown(activity.refresh)
  return (
    <Page id="page-activity-checkin">
      <QueryView query={activity} rows={6}>
        {(a) =>
          a.isOrganiser ? (
            <CheckinDesk activity={a} />
          ) : (
            <Empty id="activity-checkin-forbidden" title="只有活动的组织者可以管理签到" hint="参加活动的居民请在活动页扫码签到。" actionText="返回" onAction={goBack} />
          )
        }
      </QueryView>
    </Page>
  )
}

function CheckinDesk({ activity: a }: { activity: ActivityDetail }) {
  const attendance = useQuery('activity.attendance', { activityId: a.id }, [a.id])
  // Asked again whenever the count changes, so 已签到 shows on each row.
  const registrations = useQuery('activity.registrations', { activityId: a.id, limit: 500 }, [a.id, attendance.data?.attended])
  const refresh = async () => {
    await Promise.all([attendance.refresh(), registrations.refresh()])
  }
  useRefreshOnShow(attendance.refresh)
  const exporting = useAction('activity.export', {
    onDone: (res) => void openSpreadsheet(res.url, `${a.title}-报名签到表.xlsx`).catch(toastError),
    done: '已导出',
  })
  const event = activityEvent(a.id)
  const signedUp = {
    data: registrations.data && { items: registrations.data.registered.map((r): SignedUpPerson => ({ memberId: r.memberId, name: r.name, household: r.household, attended: !!r.checkedInAt })) },
    error: registrations.error,
    refresh: registrations.refresh,
  }
  const phase = attendance.data?.checkin ?? a.checkin

  return (
    <>
      <Card id="activity-checkin-head">
        <Text className="activity-head__title">{a.title}</Text>
        <Text className="activity-note">
          {formatDateTime(a.startAt)}–{formatTime(a.endAt)} · {a.place}
        </Text>
        <QueryView query={attendance} rows={1}>
          {(counts) => (
            <View id="activity-attendance-counts" className="activity-counts activity-gap">
              <Count label="报名（组）" value={counts.registered} />
              <Count label="报名人数" value={counts.people} />
              <Count id="activity-attended" label="已签到" value={counts.attended} />
              {counts.noShows > 0 && <Count label="未到场" value={counts.noShows} />}
            </View>
          )}
        </QueryView>
      </Card>

      {phase === 'early' && (
        <Text id="activity-checkin-early" className="activity-note activity-note--page">
          签到在活动开始前 1 小时开放（{formatDateTime(new Date(new Date(a.startAt).getTime() - 3_600_000).toISOString())} 起），届时在这里出示签到码。
        </Text>
      )}
      {phase === 'closed' && (
        <Text id="activity-checkin-closed" className="activity-note activity-note--page">
          {a.phase === 'cancelled' ? '活动已取消。' : '签到已结束（活动结束 2 小时后关闭）。'}
        </Text>
      )}
      {phase === 'open' && (
        <>
          <OrganiserCode event={event} roles={ACTIVITY_ROLES} refresh={refresh} />
          <ScanPersonalCode event={event} roles={ACTIVITY_ROLES} refresh={refresh} />
          <MarkAttendance event={event} roles={ACTIVITY_ROLES} signedUp={signedUp} refresh={refresh} walkIns={false} />
        </>
      )}
      {phase !== 'early' && <AttendeeList event={event} roles={ACTIVITY_ROLES} count={attendance.data?.attended ?? 0} />}

      <Card title="导出名单">
        <Text className="activity-note">报名、候补、取消和签到情况，一人一行的 Excel 表格（姓名打码，电话只留后四位）。导出会记入操作记录。</Text>
        <Button id="activity-export" block variant="secondary" className="activity-gap" disabled={exporting.loading} onClick={() => void exporting.run({ activityId: a.id })}>
          {exporting.loading ? '正在生成表格…' : '导出 Excel 表格'}
        </Button>
      </Card>
    </>
  )
}
