import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Button, Card, Empty, Modal, Page, PromptModal, QueryView, SectionTitle, Tag, TextField } from '../../../components'
import { useAction, useQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../../hooks'
import { myStatusText } from '../../../pages/activities/words'
import { goBack, pageParam } from '../../../routes'
import { formatDateTime } from '../../../utils/date'
import { consentLabel } from '../../../utils/labels'
import { toastError } from '../../../utils/feedback'
import type { ActivityDetail, RegistrationList, RegistrationRow } from '../types'
import '../activities.scss'

const QUEUE_WORDS: Record<string, string> = {
  promoted: '候补转正',
  offered: '候补到位待确认',
  offerExpired: '确认超时',
  offerClaimed: '确认参加',
  skipped: '跳过',
  moved: '调整候补顺序',
  removed: '组织者取消报名',
  capacity: '修改名额',
  fillSkip: '补位',
}

/**
 * The organiser's list: who holds seats (in the order they signed up), who waits
 * (in queue order), who left and why; remove someone or move them in the queue,
 * each with a reason kept in the queue's record; change the capacity; cancel the activity.
 */
export default function ActivityManagePage() {
  // Read once at mount, while this page is the current one.
  const [activityId] = useState(() => pageParam('id'))
  const activity = useQuery('activity.get', { activityId }, [activityId], { enabled: !!activityId })
  const list = useQuery('activity.registrations', { activityId, limit: 500 }, [activityId], { enabled: !!activityId && !!activity.data?.isOrganiser })
  const refresh = async () => {
    await Promise.all([activity.refresh(), list.refresh()])
  }
  useRefreshOnPullDown(refresh)
  useRefreshOnShow(refresh)
  return (
    <Page id="page-activity-manage">
      <QueryView query={activity} rows={6}>
        {(a) =>
          !a.isOrganiser ? (
            <Empty id="activity-manage-forbidden" title="只有活动的组织者可以查看报名名单" hint="名单里有邻居的住户信息，只给组织者看。" actionText="返回" onAction={goBack} />
          ) : (
            <QueryView query={list} rows={6}>
              {(data) => <Manage activity={a} list={data} refresh={refresh} />}
            </QueryView>
          )
        }
      </QueryView>
    </Page>
  )
}

type Asking = { kind: 'remove'; row: RegistrationRow } | { kind: 'move'; row: RegistrationRow } | { kind: 'cancelActivity' } | null

function Manage({ activity: a, list, refresh }: { activity: ActivityDetail; list: RegistrationList; refresh: () => Promise<void> }) {
  const [asking, setAsking] = useState<Asking>(null)
  const [position, setPosition] = useState('1')
  const [capacity, setCapacity] = useState(String(list.capacity))
  const close = () => setAsking(null)
  const remove = useAction('activity.remove', { onDone: close, done: (res) => (res.promoted > 0 ? `已取消，${res.promoted} 人转正` : '已取消报名'), refresh })
  const move = useAction('activity.move', { onDone: close, done: (res) => (res.status === 'waitlisted' ? `已移到第 ${res.position} 位` : '已转正'), refresh })
  const setCap = useAction('activity.setCapacity', { done: (res) => (res.promoted > 0 ? `名额已改，${res.promoted} 人转正` : '名额已修改'), refresh })
  const cancelActivity = useAction('activity.cancelActivity', { onDone: close, done: (res) => (res.notified > 0 ? `已通知 ${res.notified} 人` : '活动已取消'), refresh })
  const live = a.phase !== 'cancelled' && a.phase !== 'ended'

  const saveCapacity = () => {
    const n = Number(capacity)
    if (!Number.isInteger(n) || n < 1 || n > 10000) return toastError({ message: '名额请填 1 到 10000 的整数' })
    if (n < list.seatsTaken) return toastError({ message: `已占用 ${list.seatsTaken} 个名额，名额不能少于这个数` })
    if (n === list.capacity) return toastError({ message: '名额没有变化' })
    void setCap.run({ activityId: a.id, capacity: n })
  }

  return (
    <>
      <Card id="activity-manage-head">
        <Text className="activity-head__title">{a.title}</Text>
        <Text id="activity-manage-counts" className="activity-fact__value activity-fact__value--strong">
          已占 {list.seatsTaken}/{list.capacity} 个名额 · 报名 {list.registered.length} 组 · 候补 {list.waitingCount} 组
        </Text>
      </Card>

      {live && (
        <Card title="调整名额">
          <TextField id="activity-capacity" label="新的名额" type="number" suffix="人" value={capacity} onChange={setCapacity} maxLength={5} hint="增加名额时，候补的人按顺序自动转正并收到通知。" />
          <Button id="activity-capacity-save" block variant="secondary" disabled={setCap.loading} onClick={saveCapacity}>
            {setCap.loading ? '正在保存…' : '修改名额'}
          </Button>
        </Card>
      )}

      <SectionTitle title={`报名成功（${list.registered.length} 组）`} />
      <Card id="activity-registered">
        {list.registered.length === 0 ? (
          <Text className="activity-note">还没有人报名。</Text>
        ) : (
          list.registered.map((row, index) => <PersonRow key={row.memberId} id={`registered-${index}`} row={row} index={index} onRemove={live ? () => setAsking({ kind: 'remove', row }) : undefined} />)
        )}
      </Card>

      <SectionTitle title={`候补（${list.waitlist.length} 组，按顺序）`} />
      <Card id="activity-waitlist">
        {list.waitlist.length === 0 ? (
          <Text className="activity-note">{a.waitlist ? '没有人候补。' : '这个活动不设候补。'}</Text>
        ) : (
          list.waitlist.map((row, index) => (
            <PersonRow
              key={row.memberId}
              id={`waiting-${index}`}
              row={row}
              index={index}
              onRemove={live ? () => setAsking({ kind: 'remove', row }) : undefined}
              onMove={live && list.waitlist.length > 1 ? () => (setPosition(String(row.position ?? 1)), setAsking({ kind: 'move', row })) : undefined}
            />
          ))
        )}
      </Card>

      {list.left.length > 0 && (
        <>
          <SectionTitle title={`已取消（${list.left.length}）`} />
          <Card id="activity-left">
            {list.left.map((row, index) => (
              <View key={row.memberId} id={`left-${index}`} className="person-line">
                <Text className="person-line__name">{row.name}</Text>
                <Text className="activity-note">
                  {myStatusText(row.status, null)}
                  {row.cancelledAt ? ` · ${formatDateTime(row.cancelledAt)}` : ''}
                  {row.cancelReason ? ` · ${row.cancelReason}` : ''}
                </Text>
              </View>
            ))}
          </Card>
        </>
      )}

      {list.queueLog.length > 0 && (
        <>
          <SectionTitle title="候补变动记录" />
          <Card id="activity-queue-log">
            {list.queueLog.slice(0, 30).map((line, index) => (
              <Text key={index} className="activity-note">
                {formatDateTime(line.at)} {QUEUE_WORDS[line.what] ?? line.what}
                {line.name ? `：${line.name}` : ''}
                {line.byOrganiser ? '（组织者）' : ''}
                {line.reason ? ` · ${line.reason}` : ''}
              </Text>
            ))}
          </Card>
        </>
      )}

      {live && (
        <Button id="activity-cancel" block variant="danger" className="activity-gap" onClick={() => setAsking({ kind: 'cancelActivity' })}>
          取消活动
        </Button>
      )}

      <PromptModal
        visible={asking?.kind === 'remove'}
        title={`取消「${asking?.kind === 'remove' ? asking.row.name : ''}」的报名？`}
        message="本人会收到通知和原因；空出的名额当即让给候补第一位。"
        placeholder="请写明原因，如：本人电话告知不来了"
        confirmText="取消报名"
        cancelText="返回"
        danger
        multiline
        maxLength={200}
        validate={(v) => (v.trim().length < 2 ? '请写明原因（至少 2 个字）' : null)}
        busy={remove.loading}
        onConfirm={(reason) => asking?.kind === 'remove' && void remove.run({ activityId: a.id, memberId: asking.row.memberId, reason: reason.trim() })}
        onCancel={close}
      />
      {asking?.kind === 'move' && (
        <MoveDialog
          row={asking.row}
          count={list.waitlist.length}
          position={position}
          setPosition={setPosition}
          busy={move.loading}
          onConfirm={(to, reason) => void move.run({ activityId: a.id, memberId: asking.row.memberId, position: to, reason })}
          onCancel={close}
        />
      )}
      <PromptModal
        visible={asking?.kind === 'cancelActivity'}
        title="取消这个活动？"
        message={`取消后不能恢复。报名的 ${list.registered.length} 组和候补的 ${list.waitlist.length} 组都会收到通知和原因。`}
        placeholder="请写明原因，如：台风预警，活动取消"
        confirmText="确认取消"
        cancelText="返回"
        danger
        multiline
        maxLength={200}
        validate={(v) => (v.trim().length < 2 ? '请写明取消原因（至少 2 个字）' : null)}
        busy={cancelActivity.loading}
        onConfirm={(reason) => void cancelActivity.run({ activityId: a.id, reason: reason.trim() })}
        onCancel={close}
      />
    </>
  )
}

function PersonRow({ row, index, id, onRemove, onMove }: { row: RegistrationRow; index: number; id: string; onRemove?: () => void; onMove?: () => void }) {
  return (
    <View id={id} className="person-line">
      <View className="person-line__head">
        <Text className="person-line__name">
          {row.position ? `${row.position}. ` : `${index + 1}. `}
          {row.name}
        </Text>
        {row.status === 'offered' && <Tag tone="warning">待确认</Tag>}
        {row.checkedInAt && <Tag tone="brand">已签到</Tag>}
        {row.proxy && <Tag>代报名</Tag>}
      </View>
      <Text className="activity-note">
        {row.household || '未登记住户'}
        {row.companions > 0 ? ` · 同行 ${row.companions} 人` : ''}
        {row.signedUpAt ? ` · ${formatDateTime(row.signedUpAt)} 报名` : ''}
        {row.promotedAt ? ` · ${formatDateTime(row.promotedAt)} 转正` : ''}
      </Text>
      {row.answers
        .filter((answer) => answer.value)
        .map((answer) => (
          <Text key={answer.field} className="activity-note">
            {answer.label}：{answer.value}
          </Text>
        ))}
      {row.proxy && (
        <Text className="activity-note">
          由{row.proxy.by}代报名，{consentLabel(row.proxy.method)}{row.proxy.note ? `（${row.proxy.note}）` : ''}
        </Text>
      )}
      {(onRemove || onMove) && (
        <View className="person-line__actions">
          {onMove && (
            <Button id={`${id}-move`} size="compact" variant="secondary" onClick={onMove}>
              调整顺序
            </Button>
          )}
          {onRemove && (
            <Button id={`${id}-remove`} size="compact" variant="secondary" onClick={onRemove}>
              取消报名
            </Button>
          )}
        </View>
      )}
    </View>
  )
}

/** Moving someone in the queue: to which place, and why (kept in the queue's record). */
function MoveDialog({
  row,
  count,
  position,
  setPosition,
  busy,
  onConfirm,
  onCancel,
}: {
  row: RegistrationRow
  count: number
  position: string
  setPosition: (v: string) => void
  busy: boolean
  onConfirm: (position: number, reason: string) => void
  onCancel: () => void
}) {
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const submit = () => {
    const to = Number(position)
    if (!Number.isInteger(to) || to < 1 || to > count) return setProblem(`位次请填 1 到 ${count}`)
    if (to === row.position) return setProblem('位次没有变化')
    if (reason.trim().length < 2) return setProblem('请写明原因（至少 2 个字），会记入候补记录')
    onConfirm(to, reason.trim())
  }
  return (
    <Modal
      visible
      id="move-dialog"
      title={`调整「${row.name}」的候补顺序`}
      footer={
        <>
          <Button id="move-cancel" variant="secondary" onClick={onCancel}>
            返回
          </Button>
          <Button id="move-confirm" disabled={busy} onClick={submit}>
            {busy ? '请稍候…' : '确认调整'}
          </Button>
        </>
      }
    >
      <Text className="activity-note">现在是第 {row.position} 位。移到前面且名额够时，当即转正并通知本人。</Text>
      <TextField id="move-position" label="移到第几位" type="number" value={position} onChange={setPosition} maxLength={5} suffix="位" />
      <TextField id="move-reason" label="原因" value={reason} onChange={setReason} maxLength={200} placeholder="如：行动不便的老人优先" />
      {problem && <Text className="activity-problem">{problem}</Text>}
    </Modal>
  )
}
