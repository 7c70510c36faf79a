import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useMemo, useState } from 'react'
import type { ActionOutput } from '../../../api'
import { now } from '../../../api/clock'
import { Button, Card, ChipGroup, DateTimeField, Empty, LinkRow, Loading, Page, QueryView, TextField } from '../../../components'
import { useAccess, useAction, useMe, useQuery } from '../../../hooks'
import { goBack, openPage, pageParam, replacePage } from '../../../routes'
import { fromChina, inChina } from '../../../utils/date'
import { toastError } from '../../../utils/feedback'
import '../council.scss'

// Times residents can come (mornings for retirees, evenings for those at work):
// one tap under the picker sets the time.
const TIMES = ['09:00', '10:00', '14:30', '15:00', '19:00', '19:30', '20:00']
const DURATIONS = [
  { value: '60', label: '1 小时' },
  { value: '90', label: '1.5 小时' },
  { value: '120', label: '2 小时' },
  { value: '180', label: '3 小时' },
]

/**
 * When it starts, on WeChat's date and time wheels, with the usual times as chips
 * beneath; `start` is an instant (ISO), picked and shown in China time.
 */
function StartField({ start, onChange }: { start: string; onChange: (iso: string) => void }) {
  const day = inChina(start).format('YYYY-MM-DD')
  const time = inChina(start).format('HH:mm')
  return (
    <>
      <DateTimeField id="meeting-new-start" label="开始时间" value={start} min={new Date(now()).toISOString()} onChange={onChange} />
      <Text className="field-hint">常用时间</Text>
      <ChipGroup
        id="meeting-new-time"
        options={TIMES.map((t) => ({ value: t, label: t, id: `meeting-time-${t.replace(':', '')}` }))}
        selected={[time]}
        onSelect={(t) => onChange(fromChina(day, t).format())}
      />
    </>
  )
}

/**
 * 居委会: schedule a 议事会 with an agenda of accepted topics awaiting a meeting;
 * with `?id=` change the time, place or seats of one still to come.
 */
export default function MeetingNewPage() {
  // Read once at mount, while this page is the current one.
  const [meetingId] = useState(() => pageParam('id'))
  const me = useMe()
  const access = useAccess()
  useEffect(() => {
    if (meetingId) void Taro.setNavigationBarTitle({ title: '修改议事会' })
  }, [meetingId])
  return (
    <Page id="page-meeting-new">
      <QueryView query={me} rows={5}>
        {() =>
          !access.canManageMeetings ? (
            <Empty title={meetingId ? '只有居委会可以修改议事会' : '只有居委会可以安排议事会'} hint="想让某件事上会讨论，可以去说事、附议。" />
          ) : meetingId ? (
            <MeetingEdit meetingId={meetingId} />
          ) : (
            <MeetingForm />
          )
        }
      </QueryView>
    </Page>
  )
}

type Meeting = ActionOutput<'council.meeting.get'>

function MeetingEdit({ meetingId }: { meetingId: string }) {
  const meeting = useQuery('council.meeting.get', { meetingId }, [meetingId])
  return (
    <QueryView query={meeting} rows={5}>
      {(m) =>
        m.status === 'scheduled' && m.upcoming ? (
          <EditForm meeting={m} />
        ) : (
          <Empty id="meeting-edit-closed" title="这场议事会不能再修改" hint={m.status === 'cancelled' ? '它已经取消了。' : '它已经开始或结束了。'} actionText="返回" onAction={goBack} />
        )
      }
    </QueryView>
  )
}

/** The choices with `extra` added when it is not among them (the meeting's own time, length or day). */
function withCurrent<T extends { value: string }>(options: T[], extra: T): T[] {
  return options.some((o) => o.value === extra.value) ? options : [...options, extra].sort((a, b) => a.value.localeCompare(b.value, 'en', { numeric: true }))
}

/** Changes what the server lets change before a meeting: time, place, seats. The title and agenda stay. */
function EditForm({ meeting }: { meeting: Meeting }) {
  const update = useAction('council.meeting.update', { onDone: goBack, done: '已保存' })
  const initialMinutes = useMemo(() => String(inChina(meeting.endAt).diff(inChina(meeting.startAt), 'minute')), [meeting.startAt, meeting.endAt])
  const durations = useMemo(() => withCurrent(DURATIONS, { value: initialMinutes, label: `${initialMinutes} 分钟` }), [initialMinutes])
  const [start, setStart] = useState(meeting.startAt)
  const [minutes, setMinutes] = useState(initialMinutes)
  const [place, setPlace] = useState(meeting.place)
  const [capacity, setCapacity] = useState(String(meeting.capacity))

  const submit = () => {
    const cap = Number(capacity)
    if (place.trim().length < 2) return toastError({ message: '请填写地点' })
    if (!Number.isInteger(cap) || cap < 1 || cap > 1000) return toastError({ message: '名额请填 1 到 1000 的整数' })
    // The server refuses this too; said here before the person waits for it.
    if (cap < meeting.registered) return toastError({ message: `已有 ${meeting.registered} 人报名，名额不能少于这个数` })
    const changes: { startAt?: string; endAt?: string; place?: string; capacity?: number } = {}
    if (start !== meeting.startAt || minutes !== initialMinutes) {
      // An unchanged start keeps the meeting's exact time (seconds included).
      const at = inChina(start)
      changes.startAt = at.format()
      changes.endAt = at.add(Number(minutes), 'minute').format()
    }
    if (place.trim() !== meeting.place) changes.place = place.trim()
    if (cap !== meeting.capacity) changes.capacity = cap
    if (Object.keys(changes).length === 0) return toastError({ message: '没有修改任何内容' })
    void update.run({ meetingId: meeting.id, ...changes })
  }

  return (
    <>
      <Card title="议事会">
        <Text id="meeting-edit-title" className="council-body">{meeting.title}</Text>
        <Text className="council-meta">已报名 {meeting.registered} 人。名称和议程不能修改；如需换议题，请取消本场后重新安排。</Text>
      </Card>
      <Card>
        <StartField start={start} onChange={setStart} />
        <Text className="field-label cosign__button">时长</Text>
        <ChipGroup id="meeting-new-duration" options={durations.map((d) => ({ ...d, id: `meeting-duration-${d.value}` }))} selected={[minutes]} onSelect={setMinutes} />
        <View className="cosign__button">
          <TextField id="meeting-new-place" label="地点" value={place} onChange={setPlace} maxLength={60} placeholder="如：社区党群服务中心二楼会议室" />
          <TextField id="meeting-new-capacity" label="名额" type="number" suffix="人" value={capacity} onChange={setCapacity} maxLength={4} hint={`不能少于已报名的 ${meeting.registered} 人`} />
        </View>
      </Card>
      <Card title={`议程（${meeting.agenda.length} 个议题）`}>
        {meeting.agenda.map((t, index) => (
          <LinkRow key={t.topicId} id={`edit-agenda-${index}`} title={`${index + 1}. ${t.title}`} onClick={() => openPage('topic', { id: t.topicId })} />
        ))}
      </Card>
      <Text className="council-note">改了时间或地点，已报名的居民会收到通知。</Text>
      <Button id="meeting-edit-submit" block disabled={update.loading} onClick={submit}>
        {update.loading ? '正在保存…' : '保存修改'}
      </Button>
    </>
  )
}

function MeetingForm() {
  const topics = useQuery('council.topic.list', { status: 'pending', limit: 50 })
  const schedule = useAction('council.meeting.schedule', { onDone: (res) => replacePage('meeting', { id: res.meetingId }), done: '已发布' })
  const [title, setTitle] = useState('')
  // Tomorrow evening, the most common choice.
  const [start, setStart] = useState(() => fromChina(inChina(now()).add(1, 'day').format('YYYY-MM-DD'), '19:30').format())
  const [minutes, setMinutes] = useState('90')
  const [place, setPlace] = useState('')
  const [capacity, setCapacity] = useState('30')
  const [topicIds, setTopicIds] = useState<string[]>([])
  const [note, setNote] = useState('')

  const toggleTopic = (id: string) => setTopicIds((ids) => (ids.includes(id) ? ids.filter((t) => t !== id) : [...ids, id]))

  const submit = () => {
    const cap = Number(capacity)
    if (title.trim().length < 2) return toastError({ message: '请填写议事会名称' })
    if (place.trim().length < 2) return toastError({ message: '请填写地点' })
    if (!Number.isInteger(cap) || cap < 1 || cap > 1000) return toastError({ message: '名额请填 1 到 1000 的整数' })
    if (topicIds.length === 0) return toastError({ message: '请至少选一个议题' })
    if (new Date(start).getTime() <= now()) return toastError({ message: '开始时间已经过了，请重新选择' })
    const at = inChina(start)
    void schedule.run({
      title: title.trim(),
      startAt: at.format(),
      endAt: at.add(Number(minutes), 'minute').format(),
      place: place.trim(),
      capacity: cap,
      topicIds,
      ...(note.trim() ? { note: note.trim() } : {}),
    })
  }

  return (
    <>
      <Card>
        <TextField id="meeting-new-title" label="名称" value={title} onChange={setTitle} maxLength={40} placeholder="如：12 月居民议事会" />
        <StartField start={start} onChange={setStart} />
        <Text className="field-label cosign__button">时长</Text>
        <ChipGroup id="meeting-new-duration" options={DURATIONS.map((d) => ({ ...d, id: `meeting-duration-${d.value}` }))} selected={[minutes]} onSelect={setMinutes} />
        <View className="cosign__button">
          <TextField id="meeting-new-place" label="地点" value={place} onChange={setPlace} maxLength={60} placeholder="如：社区党群服务中心二楼会议室" />
          <TextField id="meeting-new-capacity" label="名额" type="number" suffix="人" value={capacity} onChange={setCapacity} maxLength={4} />
        </View>
      </Card>

      <Card title="议程（从待排期的议题中选）">
        {topics.loading && !topics.data ? (
          <Loading rows={2} />
        ) : (topics.data?.items.length ?? 0) === 0 ? (
          <Empty title="没有待排期的议题" hint="先在议题里把候选议题“列为议题”，再来安排议事会。" actionText="去看议题" onAction={() => openPage('issues', { status: 'candidate' })} />
        ) : (
          <ChipGroup id="meeting-new-topics" multiple list options={topics.data!.items.map((t, i) => ({ value: t.id, label: t.title, id: `meeting-topic-${i}` }))} selected={topicIds} onSelect={toggleTopic} />
        )}
      </Card>

      <Card title="备注（可不填）">
        <Textarea id="meeting-new-note" className="textarea-box comment-input" value={note} maxlength={500} placeholder="如：已邀请物业经理参加" onInput={(e) => setNote(e.detail.value)} />
      </Card>

      <Text className="council-note">发布后居民可以报名，议题的提出人会收到通知。</Text>
      <Button id="meeting-new-submit" block disabled={schedule.loading} onClick={submit}>
        {schedule.loading ? '正在发布…' : '发布议事会'}
      </Button>
    </>
  )
}
