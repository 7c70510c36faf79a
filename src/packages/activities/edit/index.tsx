import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import dayjs from 'dayjs'
import { useEffect, useMemo, useState } from 'react'
import type { ActionInput } from '../../../api'
import { now } from '../../../api/clock'
import { Button, Card, ChipGroup, Empty, Page, QueryView, TextField, Toggle } from '../../../components'
import { useAccess, useAction, useMe, useQuery } from '../../../hooks'
import { goBack, pageParam, replacePage } from '../../../routes'
import { ACTIVITY_CATEGORY_OPTIONS, type ActivityCategory } from '../../../utils/labels'
import { DateTimeField } from '../DateTimeField'
import { FieldsEditor } from '../FieldsEditor'
import { fieldsInput, type FieldDraft } from '../form'
import { PosterPicker } from '../PosterPicker'
import type { ActivityDetail } from '../types'
import '../activities.scss'

type Details = Omit<ActionInput<'activity.create'>, 'teamId' | 'draft'>
type Policy = Details['cancelPolicy']
type Who = 'all' | 'verified' | 'buildings'

const POLICIES: Array<{ value: NonNullable<Policy>; label: string }> = [
  { value: 'beforeStart', label: '开始前可取消' },
  { value: 'beforeSignupEnd', label: '截止前可取消' },
  { value: 'never', label: '不可取消' },
]
const CLAIM_WINDOWS = [
  { value: '0', label: '递补即成功' },
  { value: '120', label: '2 小时内确认' },
  { value: '720', label: '12 小时内确认' },
  { value: '1440', label: '24 小时内确认' },
  { value: '2880', label: '48 小时内确认' },
]
const WHO: Array<{ value: Who; label: string }> = [
  { value: 'all', label: '所有居民' },
  { value: 'verified', label: '已认证居民' },
  { value: 'buildings', label: '指定楼栋' },
]
const COMPANIONS = ['0', '1', '2', '3', '4', '5']
const LOCAL = 'YYYY-MM-DDTHH:mm'

/**
 * 发布活动 (the committee) and, with `?id=`, 修改活动 (its organisers, before it
 * starts): everything residents read and everything that decides who gets a seat.
 */
export default function ActivityEditPage() {
  // Read once at mount, while this page is the current one.
  const [activityId] = useState(() => pageParam('id'))
  const me = useMe()
  const access = useAccess()
  useEffect(() => {
    if (activityId) void Taro.setNavigationBarTitle({ title: '修改活动' })
  }, [activityId])
  return (
    <Page id="page-activity-edit">
      <QueryView query={me} rows={6}>
        {() =>
          activityId ? (
            <EditExisting activityId={activityId} />
          ) : access.canPostActivities ? (
            <ActivityForm />
          ) : (
            <Empty id="activity-edit-forbidden" title="只有居委会可以发布活动" hint="志愿服务队的活动由队长在志愿服务里发布。想办一个活动，可以联系居委会。" />
          )
        }
      </QueryView>
    </Page>
  )
}

function EditExisting({ activityId }: { activityId: string }) {
  const activity = useQuery('activity.get', { activityId }, [activityId])
  return (
    <QueryView query={activity} rows={6}>
      {(a) =>
        !a.isOrganiser ? (
          <Empty id="activity-edit-forbidden" title="只有活动的组织者可以修改" hint="对活动有疑问，可以联系居委会。" actionText="返回" onAction={goBack} />
        ) : a.phase === 'cancelled' || a.phase === 'ongoing' || a.phase === 'ended' ? (
          <Empty id="activity-edit-closed" title="这个活动不能再修改" hint={a.phase === 'cancelled' ? '它已经取消了。' : '它已经开始或结束了，可以去写活动小结。'} actionText="返回" onAction={goBack} />
        ) : (
          <ActivityForm existing={a} />
        )
      }
    </QueryView>
  )
}

/** The phone's local time with its offset, as the server takes it. */
const toIso = (local: string) => dayjs(local).format()

function defaults(existing?: ActivityDetail) {
  if (existing) {
    return {
      start: dayjs(existing.startAt).format(LOCAL),
      end: dayjs(existing.endAt).format(LOCAL),
      signupStart: existing.signupStartAt ? dayjs(existing.signupStartAt).format(LOCAL) : null,
      signupEnd: dayjs(existing.signupEndAt).format(LOCAL),
    }
  }
  // The day after tomorrow at 9:30 for two hours, sign-up closing the evening before: a typical weekend morning activity.
  const start = dayjs(now()).add(2, 'day').hour(9).minute(30).second(0)
  return { start: start.format(LOCAL), end: start.add(2, 'hour').format(LOCAL), signupStart: null, signupEnd: start.subtract(1, 'day').hour(20).minute(0).format(LOCAL) }
}

function draftsOf(existing?: ActivityDetail): FieldDraft[] {
  return (existing?.fields ?? []).map((f) => ({ label: f.label, type: f.type, required: f.required, options: (f.options ?? []).join('、') }))
}

/** What must be right before sending; the server checks all of it again. */
function problemOf(d: { title: string; place: string; capacity: string; points: string; start: string; end: string; signupStart: string | null; signupEnd: string; who: Who; buildings: string[] }, isNew: boolean): string | null {
  if (d.title.trim().length < 2) return '请填写活动名称'
  if (d.place.trim().length < 2) return '请填写活动地点'
  const cap = Number(d.capacity)
  if (!Number.isInteger(cap) || cap < 1 || cap > 10000) return '名额请填 1 到 10000 的整数'
  if (d.points && !(Number.isInteger(Number(d.points)) && Number(d.points) >= 0 && Number(d.points) <= 100)) return '积分请填 0 到 100 的整数'
  const [start, end, signupEnd] = [dayjs(d.start), dayjs(d.end), dayjs(d.signupEnd)]
  if (isNew && !start.isAfter(dayjs(now()))) return '活动时间须在将来'
  if (!end.isAfter(start)) return '结束时间须晚于开始时间'
  if (end.diff(start, 'day', true) > 7) return '一个活动最长 7 天'
  if (signupEnd.isAfter(start)) return '报名截止不能晚于活动开始'
  if (d.signupStart && !dayjs(d.signupStart).isBefore(signupEnd)) return '报名开始须早于报名截止'
  if (d.who === 'buildings' && d.buildings.length === 0) return '请选择可以报名的楼栋'
  return null
}

function ActivityForm({ existing }: { existing?: ActivityDetail }) {
  const structure = useQuery('community.structure', {})
  const create = useAction('activity.create', { onDone: (res) => replacePage('activity', { id: res.activityId }), done: '已发布' })
  const update = useAction('activity.update', { onDone: goBack, done: '已保存' })
  const initial = useMemo(() => defaults(existing), [existing])
  const [title, setTitle] = useState(existing?.title ?? '')
  const [category, setCategory] = useState<ActivityCategory>((existing?.category as ActivityCategory) ?? 'culture')
  const [poster, setPoster] = useState<string | null>(existing?.poster ?? null)
  const [uploading, setUploading] = useState(false)
  const [description, setDescription] = useState(existing?.description ?? '')
  const [start, setStart] = useState(initial.start)
  const [end, setEnd] = useState(initial.end)
  const [place, setPlace] = useState(existing?.place ?? '')
  const [capacity, setCapacity] = useState(String(existing?.capacity ?? 30))
  const [companions, setCompanions] = useState(String(existing?.maxCompanions ?? 0))
  const [signupStart, setSignupStart] = useState<string | null>(initial.signupStart)
  const [signupEnd, setSignupEnd] = useState(initial.signupEnd)
  const [policy, setPolicy] = useState<NonNullable<Policy>>(existing?.cancelPolicy ?? 'beforeStart')
  const [fields, setFields] = useState<FieldDraft[]>(() => draftsOf(existing))
  const [waitlist, setWaitlist] = useState(existing?.waitlist ?? true)
  const [claim, setClaim] = useState(String(existing?.claimWindowMinutes ?? 0))
  const [fill, setFill] = useState(existing?.fillSeats ?? false)
  const [who, setWho] = useState<Who>(existing?.eligibility.kind ?? 'all')
  const [buildings, setBuildings] = useState<string[]>(existing?.eligibility.buildingIds ?? [])
  const [points, setPoints] = useState(existing ? String(existing.points) : '')
  const [problem, setProblem] = useState<string | null>(null)
  const today = dayjs(now()).format('YYYY-MM-DD')

  // Moving the start moves the end and the sign-up deadline with it, as people expect of a calendar.
  const moveStart = (next: string) => {
    const shift = dayjs(next).diff(dayjs(start), 'minute')
    setStart(next)
    setEnd(dayjs(end).add(shift, 'minute').format(LOCAL))
    setSignupEnd(dayjs(signupEnd).add(shift, 'minute').format(LOCAL))
    setProblem(null)
  }
  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v)
      setProblem(null)
    }

  const submit = () => {
    const found = problemOf({ title, place, capacity, points, start, end, signupStart, signupEnd, who, buildings }, !existing)
    const asked = fieldsInput(fields)
    const first = found ?? ('problem' in asked ? asked.problem : null)
    setProblem(first)
    if (first || 'problem' in asked) return
    if (uploading) return setProblem('海报还在上传，请稍候')
    const details = {
      title: title.trim(),
      category,
      poster,
      description: description.trim(),
      place: place.trim(),
      startAt: toIso(start),
      endAt: toIso(end),
      signupStartAt: signupStart ? toIso(signupStart) : null,
      signupEndAt: toIso(signupEnd),
      capacity: Number(capacity),
      maxCompanions: Number(companions),
      cancelPolicy: policy,
      fields: asked.fields,
      waitlist,
      claimWindowMinutes: waitlist && claim !== '0' ? Number(claim) : null,
      fillSeats: waitlist && fill,
      eligibility: { kind: who, buildingIds: who === 'buildings' ? buildings : [] },
      ...(points ? { points: Number(points) } : {}),
    }
    if (existing) void update.run({ activityId: existing.id, ...details })
    else void create.run(details)
  }

  const busy = create.loading || update.loading
  return (
    <>
      <Card>
        <TextField id="activity-form-title" label="活动名称" value={title} onChange={edit(setTitle)} maxLength={40} placeholder="如：重阳节包饺子" />
        <View className="activity-field">
          <Text className="activity-field__label">类别</Text>
          <ChipGroup id="activity-form-category" options={ACTIVITY_CATEGORY_OPTIONS.map((c) => ({ ...c, id: `activity-form-category-${c.value}` }))} selected={[category]} onSelect={(v) => setCategory(v as ActivityCategory)} />
        </View>
        <View className="activity-field">
          <Text className="activity-field__label">海报（可不传）</Text>
          <PosterPicker value={poster} onChange={setPoster} onUploading={setUploading} />
        </View>
        <View className="activity-field">
          <Text className="activity-field__label">活动介绍</Text>
          <Textarea id="activity-form-description" className="activity-textarea" value={description} maxlength={2000} placeholder="做什么、适合谁、要带什么、联系人" onInput={(e) => setDescription(e.detail.value)} />
          <Text className="activity-count">{description.length}/2000</Text>
        </View>
      </Card>

      <Card title="时间地点">
        <DateTimeField id="activity-form-start" label="开始" value={start} start={today} onChange={moveStart} />
        <DateTimeField id="activity-form-end" label="结束" value={end} start={dayjs(start).format('YYYY-MM-DD')} onChange={edit(setEnd)} />
        <TextField id="activity-form-place" label="地点" value={place} onChange={edit(setPlace)} maxLength={60} placeholder="如：社区党群服务中心一楼活动室" />
      </Card>

      <Card title="名额与报名">
        <TextField id="activity-form-capacity" label="名额" type="number" suffix="人" value={capacity} onChange={edit(setCapacity)} maxLength={5} hint={existing ? `已占用 ${existing.seatsTaken} 个名额，不能少于这个数；增加名额时候补的人按顺序自动转正` : '同行人也占名额'} />
        <View className="activity-field">
          <Text className="activity-field__label">每人可带同行人</Text>
          <ChipGroup id="activity-form-companions" options={COMPANIONS.map((n) => ({ value: n, label: n === '0' ? '不可带' : `${n} 人`, id: `activity-form-companions-${n}` }))} selected={[companions]} onSelect={setCompanions} />
        </View>
        <Toggle id="activity-form-signup-now" label="发布后立即开放报名" checked={signupStart === null} onChange={(on) => setSignupStart(on ? null : dayjs(signupEnd).subtract(3, 'day').format(LOCAL))} />
        {signupStart !== null && <DateTimeField id="activity-form-signup-start" label="报名开始" value={signupStart} start={today} onChange={edit(setSignupStart)} />}
        <DateTimeField id="activity-form-signup-end" label="报名截止" value={signupEnd} start={today} onChange={edit(setSignupEnd)} hint="不能晚于活动开始。" />
        <View className="activity-field">
          <Text className="activity-field__label">取消报名</Text>
          <ChipGroup id="activity-form-policy" wide options={POLICIES.map((p) => ({ ...p, id: `activity-form-policy-${p.value}` }))} selected={[policy]} onSelect={(v) => setPolicy(v as NonNullable<Policy>)} />
          <Text className="activity-field__hint">报名成功又没来、也没在可以取消时取消的，记为未到场。</Text>
        </View>
      </Card>

      <Card title="候补">
        <Toggle id="activity-form-waitlist" label="满员后可以候补" hint="有人取消或增加名额时，候补的人按先后自动转正并收到通知" checked={waitlist} onChange={setWaitlist} />
        {waitlist && (
          <>
            <View className="activity-field activity-gap">
              <Text className="activity-field__label">转正后是否要确认</Text>
              <ChipGroup id="activity-form-claim" wide options={CLAIM_WINDOWS.map((c) => ({ ...c, id: `activity-form-claim-${c.value}` }))} selected={[claim]} onSelect={setClaim} />
              <Text className="activity-field__hint">要求确认时，逾期未确认的名额让给下一位；活动开始前 1 小时内转正的无需确认。</Text>
            </View>
            <Toggle id="activity-form-fill" label="补位：人少的小组可以先入座" hint="前面的小组人数多、空出的名额不够时，让后面人少的先报上（每次都有记录）" checked={fill} onChange={setFill} />
          </>
        )}
      </Card>

      <Card title="谁可以报名">
        <ChipGroup id="activity-form-who" options={WHO.map((w) => ({ ...w, id: `activity-form-who-${w.value}` }))} selected={[who]} onSelect={edit((v: string) => setWho(v as Who))} />
        {who === 'buildings' && (
          <View className="activity-gap">
            <ChipGroup
              id="activity-form-buildings"
              multiple
              wide
              options={(structure.data?.buildings ?? []).map((b, i) => ({ value: b.id, label: b.name, id: `activity-form-building-${i}` }))}
              selected={buildings}
              onSelect={(id) => setBuildings((list) => (list.includes(id) ? list.filter((b) => b !== id) : [...list, id]))}
            />
            <Text className="activity-field__hint">只有所选楼栋的已认证居民可以报名。</Text>
          </View>
        )}
      </Card>

      <Card title="报名时要填的信息">
        <FieldsEditor fields={fields} onChange={edit(setFields)} />
      </Card>

      <Card title="积分">
        <TextField id="activity-form-points" label="到场签到可得积分" type="number" suffix="分" value={points} onChange={edit(setPoints)} maxLength={3} placeholder="不填按社区规则" hint="0 表示不计积分。积分记入居民的积分明细，可在爱心超市兑换。" />
      </Card>

      {problem && (
        <Text id="activity-form-problem" className="activity-problem activity-note--page">
          {problem}
        </Text>
      )}
      <Text className="activity-note activity-note--page">{existing ? '时间或地点改了，已报名和候补的人会收到通知。' : '发布前文字和海报会经过内容安全检测；发布后居民即可报名，操作记入审计日志。'}</Text>
      <Button id="activity-form-submit" block disabled={busy || uploading} onClick={submit}>
        {busy ? '正在提交…' : uploading ? '海报上传中…' : existing ? '保存修改' : '发布活动'}
      </Button>
    </>
  )
}
