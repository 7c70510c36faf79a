import { Text, Textarea, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { ActionOutput } from '../../../api'
import { now } from '../../../api/clock'
import { askSubscribe, prepareSubscribe } from '../../../api/subscribe'
import { Button, Card, ChipGroup, Empty, LinkRow, Page, PromptModal, QueryView, SectionTitle, Tag } from '../../../components'
import { SharePanel } from '../../../components/SharePanel'
import { AttendeeList, MarkAttendance, MEETING_ROLES, OrganiserCode, PersonalCode, ScanOrganiserCode, ScanPersonalCode } from '../../../components/Checkin'
import { useAccess, useAction, useMe, useQuery, useRefreshOnPullDown, useRefreshOnShow, useShare } from '../../../hooks'
import { openPage, pageParam } from '../../../routes'
import { formatDateTime, formatTime } from '../../../utils/date'
import { toastError } from '../../../utils/feedback'
import { topicStatusLabel } from '../../../utils/labels'
import { meetingShareTitle, sharePath } from '../../../utils/share'
import { meetingTag } from '../MeetingCard'
import '../council.scss'
import './index.scss'

type Meeting = ActionOutput<'council.meeting.get'>

/**
 * One 议事会: when and where, the agenda, registration, QR check-in and the
 * minutes; for the committee also changing or cancelling it and taking
 * attendance (showing the code, scanning a resident's personal code, marking by hand).
 */
export default function MeetingPage() {
  // Read once at mount, while this page is the current one.
  const [meetingId] = useState(() => pageParam('id'))
  const meeting = useQuery('council.meeting.get', { meetingId }, [meetingId], { enabled: !!meetingId })
  useRefreshOnPullDown(meeting.refresh)
  useRefreshOnShow(meeting.refresh)
  useEffect(prepareSubscribe, [])
  const communityId = useMe().data?.current?.communityId
  const path = sharePath('meeting', { id: meetingId }, communityId)
  useShare(() => (meeting.data ? { title: meetingShareTitle(meeting.data), path } : null))

  if (!meetingId) return <Page id="page-meeting"><Empty title="没有找到这场议事会" hint="请从议事会列表进入。" /></Page>

  return (
    <Page id="page-meeting">
      <QueryView query={meeting} rows={6}>
        {(data) => (
          <>
            <MeetingView meeting={data} refresh={meeting.refresh} />
            <SharePanel id="meeting-share" heading="邀请邻居来议事" title={meetingShareTitle(data)} path={path} target={{ page: 'meeting', id: meetingId }} />
          </>
        )}
      </QueryView>
    </Page>
  )
}

function MeetingView({ meeting, refresh }: { meeting: Meeting; refresh: () => Promise<void> }) {
  const access = useAccess()
  const [askingReason, setAskingReason] = useState(false)
  const register = useAction('council.meeting.register', {
    // Registering is when a reminder is wanted.
    before: () => askSubscribe(['meetingReminder']),
    done: (res) => (res.status === 'already' ? '已报名过' : '报名成功'),
    refresh,
  })
  const unregister = useAction('council.meeting.cancelRegistration', {
    confirm: { title: '取消报名', content: '取消后名额会让给其他邻居，之后还可以再报名（如有名额）。', confirmText: '取消报名', danger: true },
    done: '已取消报名',
    refresh,
  })
  const cancel = useAction('council.meeting.cancel', {
    onDone: () => setAskingReason(false),
    done: (res) => (res.notified > 0 ? `已取消，已通知 ${res.notified} 人` : '已取消'),
    refresh,
  })
  const cancelled = meeting.status === 'cancelled'
  const started = new Date(meeting.startAt).getTime() <= now()
  const open = !cancelled && meeting.checkin === 'open'
  const event = { kind: 'meeting', eventId: meeting.id }
  // The committee runs the check-in; the attendee's cards are for the others who come.
  const attending = access.canAttendMeetings && !access.canRunCheckin
  // The committee's page holds the door (codes, scanning, the list) and the minutes
  // besides the agenda: one of the three at a time, the door while check-in is open.
  const runsDoor = access.canRunCheckin && !cancelled && (open || meeting.checkin !== 'early')
  const writesMinutes = access.canManageMeetings && started && !cancelled
  const tabbed = runsDoor || writesMinutes
  // Until the committee picks a tab: the door while check-in is open (decided once
  // the roles are known, which may be after the first render).
  const [picked, setTab] = useState<MeetingTab | null>(null)
  const tab = picked ?? (open && access.canRunCheckin ? 'checkin' : 'agenda')
  const shows = (t: MeetingTab) => !tabbed || tab === t

  return (
    <>
      <Card id="meeting-detail">
        <View className="meeting-head">
          {meetingTag(meeting)}
          {meeting.registeredByMe && <Tag id="meeting-registered" tone="brand">我已报名</Tag>}
          {meeting.attendedByMe && <Tag id="checkin-done" tone="brand">已签到</Tag>}
        </View>
        <Text id="meeting-title" className="meeting-head__title">{meeting.title}</Text>
        <Text className="meeting-line">时间：{formatDateTime(meeting.startAt)}–{formatTime(meeting.endAt)}</Text>
        <Text className="meeting-line">地点：{meeting.place}</Text>
        <Text id="meeting-seats" className="meeting-line">
          名额：已报名 {meeting.registered}/{meeting.capacity}
          {cancelled ? '' : `，剩余 ${meeting.seatsLeft}`}
          {meeting.attended > 0 ? `，已签到 ${meeting.attended}` : ''}
        </Text>
        {meeting.note && <Text className="council-meta">{meeting.note}</Text>}
        {cancelled && (
          <View id="meeting-cancelled" className="meeting-cancelled">
            <Text className="meeting-cancelled__title">这场议事会已取消</Text>
            {meeting.cancelReason && <Text className="meeting-cancelled__reason">原因：{meeting.cancelReason}</Text>}
            <Text className="council-meta">议程上的议题会重新安排，届时再通知大家。</Text>
          </View>
        )}

        {access.canAttendMeetings && meeting.upcoming && !cancelled && (
          <View className="council-actions">
            {meeting.attendedByMe ? null : meeting.registeredByMe ? (
              <Button id="meeting-cancel-registration" variant="secondary" disabled={unregister.loading} onClick={() => void unregister.run({ meetingId: meeting.id })}>
                取消报名
              </Button>
            ) : !access.canRegisterForMeetings ? (
              <Text id="meeting-verify-first" className="council-meta">
                认证后的居民可以报名：请等待居委会或楼栋长确认你的住户信息。
              </Text>
            ) : meeting.seatsLeft > 0 ? (
              // The committee's main action here is the door (签到码): its own registration stays secondary.
              <Button id="meeting-register" variant={access.canRunCheckin ? 'secondary' : 'primary'} disabled={register.loading} onClick={() => void register.run({ meetingId: meeting.id })}>
                {register.loading ? '请稍候…' : '报名参加'}
              </Button>
            ) : (
              <Button id="meeting-full" disabled>
                名额已满
              </Button>
            )}
          </View>
        )}

        {access.canManageMeetings && meeting.upcoming && !cancelled && (
          <View className="council-actions" id="meeting-admin">
            <Button id="meeting-edit" variant="secondary" onClick={() => openPage('meetingNew', { id: meeting.id })}>
              修改时间地点
            </Button>
            <Button id="meeting-cancel" variant="danger" onClick={() => setAskingReason(true)}>
              取消议事会
            </Button>
          </View>
        )}
      </Card>

      <PromptModal
        visible={askingReason}
        title="取消这场议事会？"
        message={`取消后不能恢复。议程上的议题回到待排期，已报名的 ${meeting.registered} 位居民会收到通知和取消原因。`}
        placeholder="请写明原因，如：会议室临时检修，改期另行通知"
        confirmText="确认取消"
        cancelText="返回"
        danger
        multiline
        maxLength={200}
        validate={(v) => (v.length < 2 ? '请写明取消原因（至少 2 个字）' : null)}
        busy={cancel.loading}
        onConfirm={(reason) => void cancel.run({ meetingId: meeting.id, reason })}
        onCancel={() => setAskingReason(false)}
      />

      {open && attending && !meeting.attendedByMe && (
        <>
          <ScanOrganiserCode event={event} roles={MEETING_ROLES} refresh={refresh} />
          <PersonalCode event={event} roles={MEETING_ROLES} refresh={refresh} />
        </>
      )}

      {tabbed && (
        <View className="meeting-tabs">
          <ChipGroup
            id="meeting-tabs"
            options={[
              ...(runsDoor ? [{ value: 'checkin', label: '签到', id: 'meeting-tab-checkin' }] : []),
              { value: 'agenda', label: '议程', id: 'meeting-tab-agenda' },
              { value: 'minutes', label: '纪要', id: 'meeting-tab-minutes' },
            ]}
            selected={[tab]}
            onSelect={(value) => setTab(value as MeetingTab)}
          />
        </View>
      )}

      {runsDoor && shows('checkin') && (
        <>
          {open && <OrganiserCards meeting={meeting} refresh={refresh} />}
          <AttendeeList event={event} roles={MEETING_ROLES} count={meeting.attended} />
        </>
      )}

      {shows('agenda') && <Agenda meeting={meeting} />}
      {shows('minutes') && (
        <>
          <SectionTitle title="会议纪要" />
          {meeting.minutes ? (
            <Card id="meeting-minutes">
              <Text className="council-body">{meeting.minutes}</Text>
              {meeting.minutesAt && <Text className="council-meta">{formatDateTime(meeting.minutesAt)} 公开</Text>}
            </Card>
          ) : (
            <Empty id="meeting-minutes-empty" title="纪要还没有公开" hint="议事会结束后，居委会会在这里公开会议纪要。" />
          )}
          {writesMinutes && <MinutesEditor meeting={meeting} refresh={refresh} />}
        </>
      )}
    </>
  )
}

type MeetingTab = 'checkin' | 'agenda' | 'minutes'

function Agenda({ meeting }: { meeting: Meeting }) {
  return (
    <>
      <SectionTitle title={`议程（${meeting.agenda.length} 个议题）`} />
      <View id="meeting-agenda">
        {meeting.agenda.map((topic, index) => (
          <LinkRow
            key={topic.topicId}
            id={`agenda-${index}`}
            title={`${index + 1}. ${topic.title}`}
            desc={`${topicStatusLabel(topic.status)} · ${topic.comments} 条讨论`}
            onClick={() => openPage('topic', { id: topic.topicId })}
          />
        ))}
      </View>
    </>
  )
}

/** 居委会 at the door: the code to scan, a resident's code scanned, and marking by hand from the registrants. */
function OrganiserCards({ meeting, refresh }: { meeting: Meeting; refresh: () => Promise<void> }) {
  const event = { kind: 'meeting', eventId: meeting.id }
  // Asked again whenever the count on the meeting changes, so 已签到 shows on each row.
  const registrants = useQuery('council.meeting.registrants', { meetingId: meeting.id, limit: 500 }, [meeting.id, meeting.attended])
  return (
    <>
      <OrganiserCode event={event} roles={MEETING_ROLES} refresh={refresh} />
      <ScanPersonalCode event={event} roles={MEETING_ROLES} refresh={refresh} />
      <MarkAttendance event={event} roles={MEETING_ROLES} signedUp={registrants} refresh={refresh} />
    </>
  )
}

/** 居委会 records (or corrects) the minutes once the meeting has begun. */
function MinutesEditor({ meeting, refresh }: { meeting: Meeting; refresh: () => Promise<void> }) {
  const save = useAction('council.meeting.minutes', { done: '纪要已公开', refresh })
  const [text, setText] = useState(meeting.minutes ?? '')

  const submit = () => {
    if (text.trim().length < 10) return toastError({ message: '纪要至少 10 个字' })
    void save.run({ meetingId: meeting.id, minutes: text.trim() })
  }

  return (
    <Card title={meeting.minutes ? '修改纪要（居委会）' : '记录纪要（居委会）'} id="minutes-editor">
      <Textarea id="minutes-input" className="textarea-box" value={text} maxlength={4000} placeholder="讨论了什么、形成了什么意见、下一步谁来办" onInput={(e) => setText(e.detail.value)} />
      <Text className="textarea-count">{text.length}/4000</Text>
      <Text className="council-meta">公开后议程上的议题记为“已讨论”，并通知提出人。</Text>
      <Button id="minutes-submit" block className="minutes-editor__submit" disabled={save.loading} onClick={submit}>
        {save.loading ? '正在保存…' : '公开纪要'}
      </Button>
    </Card>
  )
}
