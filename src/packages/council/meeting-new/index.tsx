import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import dayjs from 'dayjs'
import { useMemo, useState } from 'react'
import { Button, Card, ChipGroup, Empty, Loading, Page, QueryView, TextField } from '../../../components'
import { useAction, useMe, useQuery } from '../../../hooks'
import { openPage, PAGES } from '../../../routes'
import { toastDone, toastError } from '../../../utils/feedback'
import { councilAccessOf } from '../access'
import '../council.scss'

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']
// Times residents can come: mornings for retirees, evenings for those at work.
const TIMES = ['09:00', '10:00', '14:30', '15:00', '19:00', '19:30', '20:00']
const DURATIONS = [
  { value: '60', label: '1 小时' },
  { value: '90', label: '1.5 小时' },
  { value: '120', label: '2 小时' },
  { value: '180', label: '3 小时' },
]

/** 居委会: schedule a 议事会 with an agenda of accepted topics awaiting a meeting. */
export default function MeetingNewPage() {
  const me = useMe()
  return (
    <Page id="page-meeting-new">
      <QueryView query={me} rows={5}>
        {(data) => (councilAccessOf(data.current).committee ? <MeetingForm /> : <Empty title="只有居委会可以安排议事会" hint="想让某件事上会讨论，可以去说事、附议。" />)}
      </QueryView>
    </Page>
  )
}

function MeetingForm() {
  const topics = useQuery('council.topic.list', { status: 'pending', limit: 50 })
  const schedule = useAction('council.meeting.schedule')
  const days = useMemo(
    () =>
      Array.from({ length: 14 }, (_, i) => {
        const d = dayjs().add(i + 1, 'day')
        return { value: d.format('YYYY-MM-DD'), label: `${d.format('M月D日')} ${WEEKDAYS[d.day()]}` }
      }),
    [],
  )
  const [title, setTitle] = useState('')
  const [day, setDay] = useState(days[0].value)
  const [time, setTime] = useState('19:30')
  const [minutes, setMinutes] = useState('90')
  const [place, setPlace] = useState('')
  const [capacity, setCapacity] = useState('30')
  const [topicIds, setTopicIds] = useState<string[]>([])
  const [note, setNote] = useState('')

  const toggleTopic = (id: string) => setTopicIds((ids) => (ids.includes(id) ? ids.filter((t) => t !== id) : [...ids, id]))

  const submit = async () => {
    const cap = Number(capacity)
    if (title.trim().length < 2) return toastError({ message: '请填写议事会名称' })
    if (place.trim().length < 2) return toastError({ message: '请填写地点' })
    if (!Number.isInteger(cap) || cap < 1 || cap > 1000) return toastError({ message: '名额请填 1 到 1000 的整数' })
    if (topicIds.length === 0) return toastError({ message: '请至少选一个议题' })
    // The phone's local time (China time for the people using it), sent with its offset.
    const start = dayjs(`${day}T${time}:00`)
    try {
      const res = await schedule.run({
        title: title.trim(),
        startAt: start.format(),
        endAt: start.add(Number(minutes), 'minute').format(),
        place: place.trim(),
        capacity: cap,
        topicIds,
        ...(note.trim() ? { note: note.trim() } : {}),
      })
      toastDone('已发布')
      void Taro.redirectTo({ url: `${PAGES.meeting}?id=${encodeURIComponent(res.meetingId)}` })
    } catch (error) {
      toastError(error)
    }
  }

  return (
    <>
      <Card>
        <TextField id="meeting-new-title" label="名称" value={title} onChange={setTitle} maxLength={40} placeholder="如：12 月居民议事会" />
        <Text className="field-label">日期</Text>
        <ChipGroup id="meeting-new-day" wide options={days.map((d, i) => ({ ...d, id: `meeting-day-${i}` }))} selected={[day]} onSelect={setDay} />
        <Text className="field-label cosign__button">开始时间</Text>
        <ChipGroup id="meeting-new-time" options={TIMES.map((t) => ({ value: t, label: t, id: `meeting-time-${t.replace(':', '')}` }))} selected={[time]} onSelect={setTime} />
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
      <Button id="meeting-new-submit" block disabled={schedule.loading} onClick={() => void submit()}>
        {schedule.loading ? '正在发布…' : '发布议事会'}
      </Button>
    </>
  )
}
