import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ActionOutput } from '../../../api'
import { now } from '../../../api/clock'
import { Button, Card, ChipGroup, ErrorState, Loading, Modal, PromptModal, Tag, TextField } from '../../../components'
import { useAction, useQuery } from '../../../hooks'
import { formatTime } from '../../../utils/date'
import { toastError } from '../../../utils/feedback'
import { finalDay, hoursText } from '../labels'
import { onChinaDay } from '../roles'
import '../volunteers.scss'

type Shift = ActionOutput<'volunteer.shift.get'>
type Person = ActionOutput<'volunteer.shift.roster'>['items'][number]
type Step = { what: 'markIn' | 'markOut' | 'settle' | 'honour'; person: Person }

/**
 * The lead's list of the shift: who signed up, who checked in and out, and what
 * counted. A check-in left open is settled here (never credited on its own);
 * someone without a phone is marked by hand with a reason; work that could not be
 * scanned earns honour hours, which a committee member then confirms.
 */
export function Roster({ shift, refresh }: { shift: Shift; refresh: () => Promise<void> }) {
  const roster = useQuery('volunteer.shift.roster', { shiftId: shift.id }, [shift.id, shift.attended, shift.signedUp])
  const [step, setStep] = useState<Step | null>(null)
  const close = () => setStep(null)
  const again = [refresh, roster.refresh]
  const mark = useAction('checkin.mark', { done: (res) => (res.status === 'already' ? '已登记过' : '已登记'), onDone: close, refresh: again })
  const started = new Date(shift.startAt).getTime() <= now()
  const scanning = shift.checkin === 'open'
  const editable = !shift.final

  const list = roster.data
  const openCount = list?.items.filter((p) => p.open).length ?? 0
  return (
    <Card id="shift-roster" title={`时段名单${list ? `（${list.items.length} 人）` : ''}`}>
      {openCount > 0 && (
        <Text id="roster-open-note" className="vol-meta">
          {openCount} 人签到后未签退：请在 {finalDay(list!.finalAt)}（含）记录定稿前结算，未结算的不计时长。
        </Text>
      )}
      {roster.error && !list ? (
        <ErrorState error={roster.error} onRetry={() => void roster.refresh()} />
      ) : !list ? (
        <Loading rows={2} />
      ) : list.items.length === 0 ? (
        <Text id="roster-empty" className="vol-meta">还没有志愿者报名。</Text>
      ) : (
        list.items.map((p, index) => (
          <View key={p.memberId} id={`roster-${index}`} className="vol-row vol-row--flat">
            <View className="vol-row__body">
              <View className="vol-row__head">
                <Text className="vol-row__title">{p.name}</Text>
                {personTag(p)}
              </View>
              <Text className="vol-meta">{personLine(p)}</Text>
              {editable && (
                <View className="vol-actions">
                  {!p.checkedInAt && scanning && (
                    <Button id={`roster-mark-in-${index}`} size="compact" variant="secondary" onClick={() => setStep({ what: 'markIn', person: p })}>手工签到</Button>
                  )}
                  {p.open && scanning && (
                    <Button id={`roster-mark-out-${index}`} size="compact" variant="secondary" onClick={() => setStep({ what: 'markOut', person: p })}>手工签退</Button>
                  )}
                  {p.open && (
                    <Button id={`roster-settle-${index}`} size="compact" variant="secondary" onClick={() => setStep({ what: 'settle', person: p })}>结算</Button>
                  )}
                  {started && (
                    <Button id={`roster-honour-${index}`} size="compact" variant="secondary" onClick={() => setStep({ what: 'honour', person: p })}>荣誉时长</Button>
                  )}
                </View>
              )}
            </View>
          </View>
        ))
      )}
      {shift.final && <Text className="vol-meta">记录已定稿（服务后 10 个工作日），如有出入请志愿者在「我的志愿」中申请更正。</Text>}

      <PromptModal
        visible={step?.what === 'markIn' || step?.what === 'markOut'}
        title={step?.what === 'markOut' ? `为「${step?.person.name}」手工签退` : `为「${step?.person.name}」手工签到`}
        message="请当面核对本人，并写明为什么不能扫码。原因会记入操作记录。"
        placeholder="如：手机没电，由队长登记"
        confirmText="登记"
        multiline
        maxLength={200}
        validate={(v) => (v.length < 2 ? '请写明原因（至少 2 个字）' : null)}
        busy={mark.loading}
        onConfirm={(reason) =>
          step && void mark.run({ kind: 'shift', eventId: shift.id, memberId: step.person.memberId, direction: step.what === 'markOut' ? 'out' : 'in', reason })
        }
        onCancel={close}
      />
      {step?.what === 'settle' && <SettleModal shift={shift} person={step.person} onClose={close} refresh={again} />}
      {step?.what === 'honour' && <HonourModal shift={shift} person={step.person} onClose={close} refresh={again} />}
    </Card>
  )
}

function personTag(p: Person) {
  if (p.open) return <Tag tone="warning">待结算</Tag>
  if (p.checkedOutAt) return (p.creditedMinutes ?? 0) > 0 ? <Tag tone="brand">已计时长</Tag> : <Tag tone="neutral">不计时长</Tag>
  return p.signedUp ? <Tag tone="neutral">未签到</Tag> : null
}

function personLine(p: Person): string {
  if (!p.checkedInAt) return p.signedUp ? '已报名' : ''
  const inAt = `${formatTime(p.checkedInAt)} 签到`
  if (!p.checkedOutAt) return `${inAt}，未签退`
  const counted = (p.creditedMinutes ?? 0) > 0 ? `计入 ${hoursText((p.creditedMinutes ?? 0) / 60)}` : '在岗不足，不计时长'
  return `${inAt}，${formatTime(p.checkedOutAt)} 签退 · 在岗 ${p.minutes ?? 0} 分钟 · ${counted}`
}

const LEFT = 'left'
const ABSENT = 'absent'

/** Settles a check-in without a check-out: when the volunteer left, or that they did not serve. */
function SettleModal({ shift, person, onClose, refresh }: { shift: Shift; person: Person; onClose: () => void; refresh: Array<() => Promise<void>> }) {
  const settle = useAction('volunteer.record.settle', {
    done: (res) => (res.creditedMinutes > 0 ? `已结算，计入 ${hoursText(res.creditedMinutes / 60)}` : '已结算，不计时长'),
    onDone: onClose,
    refresh,
  })
  const [how, setHow] = useState(LEFT)
  // The end of the shift is the usual answer; a lead corrects it when the volunteer left early.
  const [leftAt, setLeftAt] = useState(() => formatTime(shift.endAt))
  const [reason, setReason] = useState('')

  const submit = () => {
    if (reason.trim().length < 2) return toastError({ message: '请写明依据（至少 2 个字）' })
    if (how === ABSENT) return void settle.run({ shiftId: shift.id, memberId: person.memberId, absent: true, reason: reason.trim() })
    const at = onChinaDay(shift.startAt, leftAt)
    if (!at) return toastError({ message: '请按 时:分 填写离开时间，如 11:00' })
    void settle.run({ shiftId: shift.id, memberId: person.memberId, leftAt: at, reason: reason.trim() })
  }

  return (
    <Modal
      id="settle-modal"
      visible
      title={`结算「${person.name}」的签到`}
      footer={
        <>
          <Button id="settle-cancel" variant="secondary" onClick={onClose}>返回</Button>
          <Button id="settle-confirm" disabled={settle.loading} onClick={submit}>{settle.loading ? '请稍候…' : '结算'}</Button>
        </>
      }
    >
      <Text className="vol-meta">{person.checkedInAt ? `${formatTime(person.checkedInAt)} 签到，没有签退。` : ''}服务时长按签到到离开计算，同样须达到在岗比例。</Text>
      <ChipGroup
        id="settle-how"
        wide
        options={[
          { value: LEFT, label: '按离开时间', id: 'settle-left' },
          { value: ABSENT, label: '记为未服务', id: 'settle-absent' },
        ]}
        selected={[how]}
        onSelect={setHow}
      />
      <View className="vol-gap" />
      {how === LEFT && <TextField id="settle-left-at" label="离开时间（当天）" value={leftAt} onChange={setLeftAt} maxLength={5} placeholder="如 11:00" />}
      <TextField id="settle-reason" label="依据" value={reason} onChange={setReason} maxLength={200} placeholder="如：队长目睹 11 点离开，忘记签退" />
    </Modal>
  )
}

/** Honour hours for work that could not be scanned: capped at the shift's length, confirmed by a committee member. */
function HonourModal({ shift, person, onClose, refresh }: { shift: Shift; person: Person; onClose: () => void; refresh: Array<() => Promise<void>> }) {
  const add = useAction('volunteer.honour.add', { done: '已登记，待居委会确认', onDone: onClose, refresh })
  const [minutes, setMinutes] = useState('')
  const [reason, setReason] = useState('')

  const submit = () => {
    const n = Number(minutes)
    if (!Number.isInteger(n) || n < 1) return toastError({ message: '请填写分钟数，如 60' })
    if (n > shift.minutes) return toastError({ message: `不能超过这个时段的时长（${shift.minutes} 分钟）` })
    if (reason.trim().length < 2) return toastError({ message: '请写明原因（至少 2 个字）' })
    void add.run({ shiftId: shift.id, memberId: person.memberId, minutes: n, reason: reason.trim() })
  }

  return (
    <Modal
      id="honour-modal"
      visible
      title={`为「${person.name}」登记荣誉时长`}
      footer={
        <>
          <Button id="honour-cancel" variant="secondary" onClick={onClose}>返回</Button>
          <Button id="honour-confirm" disabled={add.loading} onClick={submit}>{add.loading ? '请稍候…' : '登记'}</Button>
        </>
      }
    >
      <Text className="vol-meta">荣誉时长与服务时长分开记，不计入星级。须另一位居委会成员确认后生效。</Text>
      <TextField id="honour-minutes" label="时长" type="number" suffix="分钟" value={minutes} onChange={setMinutes} maxLength={3} hint={`不超过 ${shift.minutes} 分钟`} />
      <TextField id="honour-reason" label="原因" value={reason} onChange={setReason} maxLength={200} placeholder="如：提前到场布置，未能扫码" />
    </Modal>
  )
}
