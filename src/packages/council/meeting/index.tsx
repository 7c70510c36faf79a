import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { ActionOutput } from '../../../api'
import { askSubscribe, prepareSubscribe } from '../../../api/subscribe'
import { Button, Card, Empty, LinkRow, Page, QueryView, SectionTitle, Tag, TextField } from '../../../components'
import { useAction, useMe, useQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../../hooks'
import { openPage, pageParam } from '../../../routes'
import { formatDateTime, formatTime } from '../../../utils/date'
import { confirmModal, toastDone, toastError } from '../../../utils/feedback'
import { topicStatusLabel } from '../../../utils/labels'
import { councilAccessOf } from '../access'
import { CheckinQr } from '../CheckinQr'
import { meetingTag } from '../MeetingCard'
import '../council.scss'
import './index.scss'

type Meeting = ActionOutput<'council.meeting.get'>

/** One 议事会: when and where, the agenda, registration, QR check-in and the minutes. */
export default function MeetingPage() {
  // Read once at mount, while this page is the current one.
  const [meetingId] = useState(() => pageParam('id'))
  const me = useMe()
  const meeting = useQuery('council.meeting.get', { meetingId }, [meetingId], { enabled: !!meetingId })
  useRefreshOnPullDown(meeting.refresh)
  useRefreshOnShow(meeting.refresh)
  useEffect(prepareSubscribe, [])
  const access = councilAccessOf(me.data?.current)

  if (!meetingId) return <Page id="page-meeting"><Empty title="没有找到这场议事会" hint="请从议事会列表进入。" /></Page>

  return (
    <Page id="page-meeting">
      <QueryView query={meeting} rows={6}>
        {(data) => <MeetingView meeting={data} committee={access.committee} resident={!!me.data?.current && !access.street} refresh={meeting.refresh} />}
      </QueryView>
    </Page>
  )
}

function MeetingView({ meeting, committee, resident, refresh }: { meeting: Meeting; committee: boolean; resident: boolean; refresh: () => Promise<void> }) {
  const register = useAction('council.meeting.register')
  const unregister = useAction('council.meeting.cancelRegistration')
  const cancelled = meeting.status === 'cancelled'
  const started = new Date(meeting.startAt).getTime() <= Date.now()

  const doRegister = async () => {
    // Registering is when a reminder is wanted.
    await askSubscribe(['meetingReminder'])
    try {
      const res = await register.run({ meetingId: meeting.id })
      toastDone(res.status === 'already' ? '已报名过' : '报名成功')
      await refresh()
    } catch (error) {
      toastError(error)
    }
  }

  const doUnregister = async () => {
    const ok = await confirmModal({ title: '取消报名', content: '取消后名额会让给其他邻居，之后还可以再报名（如有名额）。', confirmText: '取消报名', danger: true })
    if (!ok) return
    try {
      await unregister.run({ meetingId: meeting.id })
      toastDone('已取消报名')
      await refresh()
    } catch (error) {
      toastError(error)
    }
  }

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
          名额：已报名 {meeting.registered}/{meeting.capacity}，剩余 {meeting.seatsLeft}
          {meeting.attended > 0 ? `，已签到 ${meeting.attended}` : ''}
        </Text>
        {meeting.note && <Text className="council-meta">{meeting.note}</Text>}

        {resident && meeting.upcoming && !cancelled && (
          <View className="council-actions">
            {meeting.registeredByMe ? (
              <Button id="meeting-cancel-registration" variant="secondary" disabled={unregister.loading} onClick={() => void doUnregister()}>
                取消报名
              </Button>
            ) : meeting.seatsLeft > 0 ? (
              <Button id="meeting-register" disabled={register.loading} onClick={() => void doRegister()}>
                {register.loading ? '请稍候…' : '报名参加'}
              </Button>
            ) : (
              <Button id="meeting-full" disabled>
                名额已满
              </Button>
            )}
          </View>
        )}
      </Card>

      {!cancelled && meeting.checkin === 'open' && (
        <>
          {/* The committee runs the check-in; the organiser card is theirs. */}
          {resident && !committee && !meeting.attendedByMe && <ScanCheckin meetingId={meeting.id} refresh={refresh} />}
          {committee && <OrganiserCheckin meetingId={meeting.id} refresh={refresh} />}
        </>
      )}
      {committee && meeting.checkin !== 'early' && !cancelled && <AttendeeList meetingId={meeting.id} attended={meeting.attended} />}

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

      <SectionTitle title="会议纪要" />
      {meeting.minutes ? (
        <Card id="meeting-minutes">
          <Text className="council-body">{meeting.minutes}</Text>
          {meeting.minutesAt && <Text className="council-meta">{formatDateTime(meeting.minutesAt)} 公开</Text>}
        </Card>
      ) : (
        <Empty id="meeting-minutes-empty" title="纪要还没有公开" hint="议事会结束后，居委会会在这里公开会议纪要。" />
      )}
      {committee && started && !cancelled && <MinutesEditor meeting={meeting} refresh={refresh} />}
    </>
  )
}

/** The attendee's side: scan the organiser's code with the camera (albums are refused on purpose). */
function ScanCheckin({ meetingId, refresh }: { meetingId: string; refresh: () => Promise<void> }) {
  const scan = useAction('checkin.scan')
  const [pasted, setPasted] = useState('')

  const checkIn = async (token: string) => {
    try {
      const res = await scan.run({ token: token.trim(), expect: { kind: 'meeting', eventId: meetingId } })
      toastDone(res.status === 'already' ? '已签到过' : '签到成功')
      setPasted('')
      await refresh()
    } catch (error) {
      toastError(error)
    }
  }

  const scanWithCamera = async () => {
    let result: string
    try {
      result = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result
    } catch (error) {
      if (((error as { errMsg?: string } | null)?.errMsg ?? '').includes('cancel')) return
      return toastError({ message: '无法打开相机，请检查相机权限' })
    }
    await checkIn(result)
  }

  return (
    <Card title="扫码签到" id="checkin-attendee">
      <Text className="council-meta">到场后，用相机扫居委会手机上的签到码。签到码每 30 秒更换一次，请扫最新的。</Text>
      {process.env.TARO_ENV === 'weapp' ? (
        <Button id="checkin-scan" block className="checkin__button" disabled={scan.loading} onClick={() => void scanWithCamera()}>
          {scan.loading ? '正在签到…' : '扫码签到'}
        </Button>
      ) : (
        // H5 has no camera scanner: a development stand-in where the code's text is pasted.
        <View className="checkin__paste">
          <TextField id="checkin-paste" label="开发替代：粘贴签到码" value={pasted} onChange={setPasted} maxLength={400} placeholder="本地网页版不能扫码，请粘贴签到码文字" />
          <Button id="checkin-paste-submit" block disabled={scan.loading || !pasted.trim()} onClick={() => void checkIn(pasted)}>
            {scan.loading ? '正在签到…' : '签到'}
          </Button>
        </View>
      )}
    </Card>
  )
}

/** The committee's side: show the rotating code, and see how many have checked in. */
function OrganiserCheckin({ meetingId, refresh }: { meetingId: string; refresh: () => Promise<void> }) {
  const [showing, setShowing] = useState(false)
  return (
    <Card title="签到码（居委会）" id="checkin-organiser">
      {showing ? (
        <>
          <CheckinQr kind="meeting" eventId={meetingId} onRotate={() => void refresh()} />
          <Button id="checkin-hide" block variant="secondary" className="checkin__button" onClick={() => setShowing(false)}>
            收起签到码
          </Button>
        </>
      ) : (
        <>
          <Text className="council-meta">把手机放在入口，请到场的居民扫码签到。签到码每 30 秒更换，截图转发无效。</Text>
          <Button id="checkin-show" block className="checkin__button" onClick={() => setShowing(true)}>
            出示签到码
          </Button>
        </>
      )}
    </Card>
  )
}

const METHOD_LABELS: Record<string, string> = { scan: '扫码', organiser: '扫个人码', manual: '手工登记' }

/** 居委会: who has checked in, how and when (names masked, as everywhere). */
function AttendeeList({ meetingId, attended }: { meetingId: string; attended: number }) {
  // Asked again whenever the count on the meeting changes (each rotation of the code refreshes it).
  const list = useQuery('checkin.attendees', { kind: 'meeting', eventId: meetingId, limit: 200 }, [meetingId, attended])
  return (
    <Card title={`签到名单（${list.data?.total ?? attended} 人）`} id="checkin-attendees">
      {list.error && !list.data ? (
        <Text className="council-meta">{list.error.message}</Text>
      ) : !list.data ? (
        <Text className="council-meta">加载中…</Text>
      ) : list.data.items.length === 0 ? (
        <Text className="council-meta">还没有人签到</Text>
      ) : (
        list.data.items.map((a, index) => (
          <View key={a.memberId} id={`attendee-${index}`} className="row-between expense-row">
            <Text className="plain-line">{a.name}</Text>
            <Text className="council-meta">
              {METHOD_LABELS[a.method] ?? a.method} · {formatTime(a.at)}
            </Text>
          </View>
        ))
      )}
    </Card>
  )
}

/** 居委会 records (or corrects) the minutes once the meeting has begun. */
function MinutesEditor({ meeting, refresh }: { meeting: Meeting; refresh: () => Promise<void> }) {
  const save = useAction('council.meeting.minutes')
  const [text, setText] = useState(meeting.minutes ?? '')

  const submit = async () => {
    if (text.trim().length < 10) return toastError({ message: '纪要至少 10 个字' })
    try {
      await save.run({ meetingId: meeting.id, minutes: text.trim() })
      toastDone('纪要已公开')
      await refresh()
    } catch (error) {
      toastError(error)
    }
  }

  return (
    <Card title={meeting.minutes ? '修改纪要（居委会）' : '记录纪要（居委会）'} id="minutes-editor">
      <Textarea id="minutes-input" className="textarea-box" value={text} maxlength={4000} placeholder="讨论了什么、形成了什么意见、下一步谁来办" onInput={(e) => setText(e.detail.value)} />
      <Text className="textarea-count">{text.length}/4000</Text>
      <Text className="council-meta">公开后议程上的议题记为“已讨论”，并通知提出人。</Text>
      <Button id="minutes-submit" block className="checkin__button" disabled={save.loading} onClick={() => void submit()}>
        {save.loading ? '正在保存…' : '公开纪要'}
      </Button>
    </Card>
  )
}
