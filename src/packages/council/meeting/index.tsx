import { Text, Textarea, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { ActionOutput } from '../../../api'
import { now } from '../../../api/clock'
import { askSubscribe, prepareSubscribe } from '../../../api/subscribe'
import { Button, Card, Empty, ErrorState, LinkRow, Loading, Page, PromptModal, QueryView, SectionTitle, Tag, TextField } from '../../../components'
import { CodeScanner } from '../../../components/CodeScanner'
import { RotatingQr } from '../../../components/RotatingQr'
import { useAction, useMe, useQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../../hooks'
import { useEventCheckinCode, usePersonalCheckinCode } from '../../../hooks/useRotatingCode'
import { openPage, pageParam } from '../../../routes'
import { formatDateTime, formatTime } from '../../../utils/date'
import { confirmModal, toastDone, toastError } from '../../../utils/feedback'
import { topicStatusLabel } from '../../../utils/labels'
import { councilAccessOf } from '../access'
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
        {(data) => <MeetingView meeting={data} committee={access.committee} resident={!!me.data?.current && !access.street} verified={access.verified} refresh={meeting.refresh} />}
      </QueryView>
    </Page>
  )
}

function MeetingView({ meeting, committee, resident, verified, refresh }: { meeting: Meeting; committee: boolean; resident: boolean; verified: boolean; refresh: () => Promise<void> }) {
  const register = useAction('council.meeting.register')
  const unregister = useAction('council.meeting.cancelRegistration')
  const cancel = useAction('council.meeting.cancel')
  const [askingReason, setAskingReason] = useState(false)
  const cancelled = meeting.status === 'cancelled'
  const started = new Date(meeting.startAt).getTime() <= now()
  const open = !cancelled && meeting.checkin === 'open'

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

  const doCancel = async (reason: string) => {
    try {
      const res = await cancel.run({ meetingId: meeting.id, reason })
      setAskingReason(false)
      toastDone(res.notified > 0 ? `已取消，已通知 ${res.notified} 人` : '已取消')
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

        {resident && meeting.upcoming && !cancelled && (
          <View className="council-actions">
            {meeting.registeredByMe ? (
              <Button id="meeting-cancel-registration" variant="secondary" disabled={unregister.loading} onClick={() => void doUnregister()}>
                取消报名
              </Button>
            ) : !verified ? (
              <Text id="meeting-verify-first" className="council-meta">
                认证后的居民可以报名：请等待居委会或楼栋长确认你的住户信息。
              </Text>
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

        {committee && meeting.upcoming && !cancelled && (
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
        onConfirm={(reason) => void doCancel(reason)}
        onCancel={() => setAskingReason(false)}
      />

      {open && (
        <>
          {/* The committee runs the check-in; the organiser cards are theirs. */}
          {resident && !committee && !meeting.attendedByMe && (
            <>
              <ScanCheckin meetingId={meeting.id} refresh={refresh} />
              <PersonalCode refresh={refresh} />
            </>
          )}
          {committee && (
            <>
              <OrganiserCheckin meetingId={meeting.id} refresh={refresh} />
              <ScanAttendee meetingId={meeting.id} refresh={refresh} />
              <MarkAttendance meetingId={meeting.id} attended={meeting.attended} refresh={refresh} />
            </>
          )}
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

/** Sends a scanned code and says how it went, whoever scanned whom; true when it was accepted. */
async function creditScan(send: () => Promise<{ status: 'credited' | 'already' }>, refresh: () => Promise<void>): Promise<boolean> {
  try {
    const res = await send()
    toastDone(res.status === 'already' ? '已签到过' : '签到成功')
    await refresh()
    return true
  } catch (error) {
    toastError(error)
    return false
  }
}

/** The attendee's side: scan the organiser's code with the camera (albums are refused on purpose). */
function ScanCheckin({ meetingId, refresh }: { meetingId: string; refresh: () => Promise<void> }) {
  const scan = useAction('checkin.scan')

  const checkIn = (token: string) => creditScan(() => scan.run({ token, expect: { kind: 'meeting', eventId: meetingId } }), refresh)

  return (
    <Card title="扫码签到" id="checkin-attendee">
      <Text className="council-meta">到场后，用相机扫居委会手机上的签到码。签到码每 30 秒更换一次，请扫最新的。</Text>
      <CodeScanner
        id="checkin"
        buttonText="扫码签到"
        busy={scan.loading}
        busyText="正在签到…"
        pasteLabel="开发替代：粘贴签到码"
        pastePlaceholder="本地网页版不能扫码，请粘贴签到码文字"
        onCode={checkIn}
        onCameraError={(message) => toastError({ message })}
      />
    </Card>
  )
}

/** The attendee who cannot scan (no camera, poor eyesight) shows their own code for the committee to scan. */
function PersonalCode({ refresh }: { refresh: () => Promise<void> }) {
  const [showing, setShowing] = useState(false)
  return (
    <Card title="我的签到码" id="checkin-personal">
      {showing ? (
        <>
          <PersonalQr onRotate={() => void refresh()} />
          <Text className="council-meta checkin__center">请把手机交给居委会工作人员扫一下，签到成功后这里会显示“已签到”。</Text>
          <Button id="personal-code-hide" block variant="secondary" className="checkin__button" onClick={() => setShowing(false)}>
            收起我的签到码
          </Button>
        </>
      ) : (
        <>
          <Text className="council-meta">不方便扫码？出示我的签到码，请居委会工作人员用手机扫一下，就能签到。</Text>
          <Button id="personal-code-show" block variant="secondary" className="checkin__button" onClick={() => setShowing(true)}>
            出示我的签到码
          </Button>
        </>
      )}
    </Card>
  )
}

function PersonalQr({ onRotate }: { onRotate: () => void }) {
  // Each new code is also a moment to see whether the committee has checked me in.
  const code = usePersonalCheckinCode(onRotate)
  return <RotatingQr id="personal" code={code.code} error={code.error} secondsLeft={code.secondsLeft} onRetry={code.retry} loadingText="正在生成我的签到码…" />
}

/** The committee's side: show the rotating code, and see how many have checked in. */
function OrganiserCheckin({ meetingId, refresh }: { meetingId: string; refresh: () => Promise<void> }) {
  const [showing, setShowing] = useState(false)
  return (
    <Card title="签到码（居委会）" id="checkin-organiser">
      {showing ? (
        <>
          <EventQr meetingId={meetingId} onRotate={() => void refresh()} />
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

function EventQr({ meetingId, onRotate }: { meetingId: string; onRotate: () => void }) {
  const code = useEventCheckinCode('meeting', meetingId, onRotate)
  return <RotatingQr id="checkin" code={code.code} error={code.error} secondsLeft={code.secondsLeft} onRetry={code.retry} />
}

/** The committee scans a resident's personal code (an elder who cannot scan shows theirs). */
function ScanAttendee({ meetingId, refresh }: { meetingId: string; refresh: () => Promise<void> }) {
  const scan = useAction('checkin.scanAttendee')

  const checkIn = (token: string) => creditScan(() => scan.run({ kind: 'meeting', eventId: meetingId, token }), refresh)

  return (
    <Card title="扫居民的签到码" id="checkin-scan-attendee">
      <Text className="council-meta">居民不方便扫码时，请他打开本页的“我的签到码”，用你的手机扫一下即为他签到。</Text>
      <CodeScanner
        id="attendee-scan"
        buttonText="扫居民签到码"
        busy={scan.loading}
        busyText="正在签到…"
        pasteLabel="开发替代：粘贴居民的签到码"
        pastePlaceholder="本地网页版不能扫码，请粘贴居民签到码文字"
        onCode={checkIn}
        onCameraError={(message) => toastError({ message })}
      />
    </Card>
  )
}

/**
 * 居委会 marks by hand someone who came without a phone: from those registered,
 * or, for a neighbour who did not register, found by nickname or room.
 */
function MarkAttendance({ meetingId, attended, refresh }: { meetingId: string; attended: number; refresh: () => Promise<void> }) {
  // Asked again whenever the count on the meeting changes, so 已签到 shows on each row.
  const registrants = useQuery('council.meeting.registrants', { meetingId, limit: 500 }, [meetingId, attended])
  const mark = useAction('checkin.mark')
  const [marking, setMarking] = useState<string | null>(null)
  const [q, setQ] = useState('')
  const [searched, setSearched] = useState('')
  const found = useQuery('member.list', { q: searched, limit: 20 }, [searched], { enabled: searched.length > 0 })

  const doMark = async (memberId: string, name: string) => {
    const ok = await confirmModal({ title: '登记到场', content: `确认「${name}」已经到场？登记会记入签到名单和操作记录。`, confirmText: '登记到场' })
    if (!ok) return
    setMarking(memberId)
    try {
      const res = await mark.run({ kind: 'meeting', eventId: meetingId, memberId })
      toastDone(res.status === 'already' ? '已签到过' : '已登记到场')
      await Promise.all([refresh(), registrants.refresh()])
    } catch (error) {
      toastError(error)
    } finally {
      setMarking(null)
    }
  }

  const search = () => {
    const text = q.trim()
    if (!text) return toastError({ message: '请输入昵称或房号' })
    setSearched(text)
  }

  const list = registrants.data
  return (
    <Card title={`手工登记到场${list ? `（已报名 ${list.items.length} 人）` : ''}`} id="checkin-mark">
      <Text className="council-meta">为没带手机、不会扫码的居民登记。请当面核对本人后再点“登记到场”。</Text>
      {registrants.error && !list ? (
        <ErrorState error={registrants.error} onRetry={() => void registrants.refresh()} />
      ) : !list ? (
        <Loading rows={2} />
      ) : list.items.length === 0 ? (
        <Text id="registrants-empty" className="council-meta">还没有居民报名，可以在下面查找居民登记。</Text>
      ) : (
        <View id="registrants">
          {list.items.map((r, index) => (
            <View key={r.memberId} id={`registrant-${index}`} className="person-row">
              <View className="person-row__who">
                <Text className="person-row__name">{r.name}</Text>
                {r.household && <Text className="person-row__meta">{r.household}</Text>}
              </View>
              {r.attended ? (
                <Tag tone="brand">已签到</Tag>
              ) : (
                <Button size="compact" className="registrant-mark" disabled={marking !== null} onClick={() => void doMark(r.memberId, r.name)}>
                  {marking === r.memberId ? '登记中…' : '登记到场'}
                </Button>
              )}
            </View>
          ))}
        </View>
      )}

      <View className="checkin__search">
        <TextField id="attendee-search" label="没有报名的居民" value={q} onChange={setQ} maxLength={20} placeholder="输入昵称或房号，如 502" onConfirm={search} />
        <Button id="attendee-search-submit" block variant="secondary" disabled={found.loading} onClick={search}>
          {found.loading ? '正在查找…' : '查找居民'}
        </Button>
      </View>
      {searched &&
        (found.error ? (
          <Text className="council-meta">{found.error.message}</Text>
        ) : !found.data ? (
          <Loading rows={1} />
        ) : found.data.items.length === 0 ? (
          <Text id="attendee-search-empty" className="council-meta">没有找到“{searched}”，请换个昵称或房号试试。</Text>
        ) : (
          <View id="attendee-search-results">
            {found.data.items.map((m, index) => (
              <View key={m.memberId} id={`found-${index}`} className="person-row">
                <View className="person-row__who">
                  <Text className="person-row__name">{m.nickname || '邻居'}</Text>
                  <Text className="person-row__meta">{m.household || '未登记住户'}</Text>
                </View>
                <Button size="compact" className="found-mark" disabled={marking !== null} onClick={() => void doMark(m.memberId, m.nickname || '这位居民')}>
                  {marking === m.memberId ? '登记中…' : '登记到场'}
                </Button>
              </View>
            ))}
          </View>
        ))}
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
