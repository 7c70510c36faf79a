import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ActionOutput } from '../../../api'
import { now } from '../../../api/clock'
import { Button, Card, Empty, Page, PromptModal, QueryView, Tag } from '../../../components'
import { OrganiserCode, ScanOrganiserCode } from '../../../components/Checkin'
import { useAccess, useAction, useQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../../hooks'
import { openPage, pageParam } from '../../../routes'
import { formatDateTime } from '../../../utils/date'
import { hoursText } from '../labels'
import { SHIFT_ROLES } from '../roles'
import { shiftTag, shiftWhen } from '../ShiftRow'
import { Roster } from './Roster'
import '../volunteers.scss'

type Shift = ActionOutput<'volunteer.shift.get'>

/**
 * One shift (岗位/时段): when, where, seats; signing up and cancelling before the
 * cut-off; at the shift the volunteer scans the lead's check-in and check-out
 * codes. The team lead (or the committee) shows both codes and keeps the roster.
 */
export default function ShiftPage() {
  const [shiftId] = useState(() => pageParam('id'))
  const shift = useQuery('volunteer.shift.get', { shiftId }, [shiftId], { enabled: !!shiftId })
  useRefreshOnPullDown(shift.refresh)
  useRefreshOnShow(shift.refresh)
  if (!shiftId) return <Page id="page-shift"><Empty title="没有找到这个服务时段" hint="请从志愿服务的时段列表进入。" /></Page>
  return (
    <Page id="page-shift">
      <QueryView query={shift} rows={6}>
        {(data) => <ShiftView shift={data} refresh={shift.refresh} />}
      </QueryView>
    </Page>
  )
}

function ShiftView({ shift, refresh }: { shift: Shift; refresh: () => Promise<void> }) {
  const access = useAccess()
  const cancelled = shift.status === 'cancelled'
  const open = !cancelled && shift.checkin === 'open'
  const inEvent = { kind: 'shift', eventId: shift.id, direction: 'in' as const }
  const outEvent = { kind: 'shift', eventId: shift.id, direction: 'out' as const }
  const mine = shift.myAttendance
  // Whoever signed up scans; the lead's own phone shows the codes instead.
  const scanning = open && !shift.canManage && access.canVolunteer && (shift.signedUpByMe || !!mine)

  return (
    <>
      <Card id="shift-detail">
        <View className="vol-row__head">
          {shiftTag(shift)}
          {shift.final && <Tag tone="neutral">记录已定稿</Tag>}
        </View>
        <Text id="shift-title" className="vol-row__title">{shift.title}</Text>
        <Text className="vol-meta">时间：{shiftWhen(shift)}</Text>
        <Text className="vol-meta">地点：{shift.place}</Text>
        <Text className="vol-meta">服务内容：{shift.content}</Text>
        <Text id="shift-seats" className="vol-meta">
          名额：已报名 {shift.signedUp}/{shift.capacity}
          {cancelled ? '' : `，剩余 ${shift.seatsLeft}`}
        </Text>
        {!cancelled && shift.upcoming && new Date(shift.cancelBy).getTime() > now() && <Text className="vol-meta">{formatDateTime(shift.cancelBy)} 前可以取消报名</Text>}
        {!shift.canManage && !mine && <SignUp shift={shift} refresh={refresh} />}
      </Card>

      {mine && <MyAttendance attendance={mine} />}

      {scanning && !mine && <ScanOrganiserCode event={inEvent} roles={SHIFT_ROLES} refresh={refresh} />}
      {scanning && mine && !mine.checkedOutAt && <ScanOrganiserCode event={outEvent} roles={SHIFT_ROLES} refresh={refresh} />}

      {shift.canManage && !cancelled && (
        <>
          {open ? (
            <>
              <OrganiserCode event={inEvent} roles={SHIFT_ROLES} refresh={refresh} />
              <OrganiserCode event={outEvent} roles={SHIFT_ROLES} refresh={refresh} />
            </>
          ) : (
            <Card title="签到码和签退码">
              <Text id="shift-codes-closed" className="vol-meta">
                {shift.checkin === 'early' ? '签到码和签退码在服务开始前 1 小时出现在这里。' : '这个时段的扫码已结束，未签退的志愿者请在下面的名单中结算。'}
              </Text>
            </Card>
          )}
          <Roster shift={shift} refresh={refresh} />
          {shift.upcoming && <CancelShift shift={shift} refresh={refresh} />}
        </>
      )}
    </>
  )
}

function SignUp({ shift, refresh }: { shift: Shift; refresh: () => Promise<void> }) {
  const access = useAccess()
  const signup = useAction('volunteer.shift.signup', { done: (res) => (res.status === 'already' ? '已报名过' : '报名成功'), refresh })
  const cancel = useAction('volunteer.shift.cancelSignup', {
    confirm: { title: '取消报名', content: '取消后名额会让给其他志愿者，截止前还可以再报名（如有名额）。', confirmText: '取消报名', danger: true },
    done: '已取消报名',
    refresh,
  })
  if (shift.status === 'cancelled' || !shift.upcoming) return null
  if (shift.signedUpByMe) {
    const canCancel = new Date(shift.cancelBy).getTime() > now()
    return (
      <View className="vol-actions">
        {canCancel ? (
          <Button id="shift-cancel-signup" variant="secondary" disabled={cancel.loading} onClick={() => void cancel.run({ shiftId: shift.id })}>
            取消报名
          </Button>
        ) : (
          <Text id="shift-cancel-closed" className="vol-meta">已过取消截止时间，如有变化请联系队长。</Text>
        )}
      </View>
    )
  }
  if (!access.canVolunteer) {
    return (
      <View className="vol-actions">
        <Text id="shift-volunteer-first" className="vol-meta">成为社区志愿者后可以报名：先提交申请，居委会审核通过即可。</Text>
        <Button id="shift-apply" variant="secondary" onClick={() => openPage('volunteerApply')}>申请成为志愿者</Button>
      </View>
    )
  }
  return (
    <View className="vol-actions">
      {shift.canSignUp ? (
        <Button id="shift-signup" disabled={signup.loading} onClick={() => void signup.run({ shiftId: shift.id })}>
          {signup.loading ? '请稍候…' : '报名参加'}
        </Button>
      ) : (
        <Button id="shift-full" disabled>名额已满</Button>
      )}
    </View>
  )
}

function MyAttendance({ attendance: a }: { attendance: NonNullable<Shift['myAttendance']> }) {
  const credited = a.creditedMinutes ?? 0
  return (
    <Card id="shift-mine" title="我的签到">
      <View className="vol-row__head">
        <Tag id="shift-checked-in" tone="brand">{formatDateTime(a.checkedInAt)} 已签到</Tag>
        {a.checkedOutAt && <Tag id="shift-checked-out" tone="brand">已签退</Tag>}
      </View>
      {a.checkedOutAt ? (
        <>
          <Text className="vol-meta">{formatDateTime(a.checkedOutAt)} 签退，在岗 {a.minutes ?? 0} 分钟</Text>
          <Text id="shift-credited" className="vol-body">
            {credited > 0 ? `计入服务时长 ${hoursText(credited / 60)}` : a.walkIn ? '未认证居民的到场不计时长' : '在岗时间不足，本次不计服务时长'}
          </Text>
        </>
      ) : (
        <Text className="vol-meta">离开前请扫队长手机上的签退码，服务时长从签到算到签退。</Text>
      )}
    </Card>
  )
}

function CancelShift({ shift, refresh }: { shift: Shift; refresh: () => Promise<void> }) {
  const [asking, setAsking] = useState(false)
  const cancel = useAction('volunteer.shift.cancel', {
    onDone: () => setAsking(false),
    done: (res) => (res.notified > 0 ? `已取消，已通知 ${res.notified} 人` : '已取消'),
    refresh,
  })
  return (
    <>
      <Button id="shift-cancel" block variant="danger" onClick={() => setAsking(true)}>取消这个时段</Button>
      <PromptModal
        visible={asking}
        title="取消这个服务时段？"
        message={`取消后不能恢复，已报名的 ${shift.signedUp} 位志愿者会收到通知和原因。`}
        placeholder="请写明原因，如：暴雨预警，活动改期"
        confirmText="确认取消"
        cancelText="返回"
        danger
        multiline
        maxLength={200}
        validate={(v) => (v.length < 2 ? '请写明原因（至少 2 个字）' : null)}
        busy={cancel.loading}
        onConfirm={(reason) => void cancel.run({ shiftId: shift.id, reason })}
        onCancel={() => setAsking(false)}
      />
    </>
  )
}
