import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { fileUrl } from '../../api/fileUrl'
import { askSubscribe, prepareSubscribe } from '../../api/subscribe'
import { Button, Card, Empty, LinkRow, Page, QueryView, SectionTitle, Tag } from '../../components'
import { SharePanel } from '../../components/SharePanel'
import { PersonalCode, ScanOrganiserCode } from '../../components/Checkin'
import { useAccess, useAction, useMe, useQuery, useRefreshOnPullDown, useRefreshOnShow, useShare } from '../../hooks'
import { activityShareTitle, sharePath } from '../../utils/share'
import { activityTag, cancelPolicyText, myStatusText, seatsLine } from '../../pages/activities/words'
import { openPage, pageParam } from '../../routes'
import { formatDateTime, formatTime } from '../../utils/date'
import { activityCategoryLabel, consentLabel } from '../../utils/labels'
import { SignupForm } from './SignupForm'
import { ACTIVITY_ROLES, activityEvent, type ActivityDetail } from './types'
import './activities.scss'


/**
 * One activity: poster, time and place, seats and the waiting line, what signing
 * up asks; my registration (报名成功 / 候补第 N 位 / an offer to confirm) with
 * cancelling as the activity allows; my check-in on the day; for its organisers
 * the way to the registrations, the check-in screen and the summary.
 */
export default function ActivityPage() {
  // Read once at mount, while this page is the current one.
  const [activityId] = useState(() => pageParam('id'))
  const activity = useQuery('activity.get', { activityId }, [activityId], { enabled: !!activityId })
  useRefreshOnPullDown(activity.refresh)
  useRefreshOnShow(activity.refresh)
  useEffect(prepareSubscribe, [])
  const communityId = useMe().data?.current?.communityId
  const path = sharePath('activity', { id: activityId }, communityId)
  useShare(() => (activity.data ? { title: activityShareTitle(activity.data), path } : null))

  if (!activityId) {
    return (
      <Page id="page-activity">
        <Empty title="没有找到这个活动" hint="请从「活动」里进入。" actionText="看近期活动" onAction={() => void Taro.switchTab({ url: '/pages/activities/index' })} />
      </Page>
    )
  }
  return (
    <Page id="page-activity">
      <QueryView query={activity} rows={8}>
        {(data) => (
          <>
            <ActivityView activity={data} refresh={activity.refresh} />
            <SharePanel id="activity-share" heading="邀请邻居一起来" title={activityShareTitle(data)} path={path} target={{ page: 'activity', id: activityId }} />
          </>
        )}
      </QueryView>
    </Page>
  )
}

function ActivityView({ activity: a, refresh }: { activity: ActivityDetail; refresh: () => Promise<void> }) {
  const access = useAccess()
  const tag = activityTag(a)
  const mine = myStatusText(a.myStatus, a.myPosition)
  const event = activityEvent(a.id)
  // Building names only when the activity is for some buildings.
  const structure = useQuery('community.structure', {}, [], { enabled: a.eligibility.kind === 'buildings' })
  const buildingNames = new Map((structure.data?.buildings ?? []).map((b) => [b.id, b.name]))
  // Residents who hold a seat check in while the organiser's code is open; an organiser runs it from the check-in screen.
  const checkingIn = a.checkin === 'open' && a.myStatus === 'registered' && !a.attendedByMe

  return (
    <>
      {a.poster && <Image id="activity-poster" className="activity-poster" src={fileUrl(a.poster)} mode="aspectFill" onClick={() => void Taro.previewImage({ urls: [fileUrl(a.poster!)] })} />}
      <Card id="activity-detail">
        <View className="activity-head">
          <Tag id="activity-phase" tone={tag.tone}>{tag.text}</Tag>
          <Tag>{activityCategoryLabel(a.category)}</Tag>
          {a.attendedByMe && <Tag id="checkin-done" tone="brand">已签到</Tag>}
        </View>
        <Text id="activity-title" className="activity-head__title">{a.title}</Text>
        <View className="activity-facts">
          <Fact label="时间" value={`${formatDateTime(a.startAt)}–${formatTime(a.endAt)}`} />
          <Fact label="地点" value={a.place} />
          <Fact label="主办" value={a.organiser} />
          <Fact id="activity-seats" label="名额" value={seatsLine(a)} strong />
          <Fact label="报名" value={a.signupStartAt && a.phase === 'notOpen' ? `${formatDateTime(a.signupStartAt)} 开始，${formatDateTime(a.signupEndAt)} 截止` : `${formatDateTime(a.signupEndAt)} 截止`} />
          <Fact label="取消" value={cancelPolicyText(a.cancelPolicy)} />
          {a.maxCompanions > 0 && <Fact label="同行" value={`每人最多带 ${a.maxCompanions} 位同行人，每位占一个名额`} />}
          <Fact label="对象" value={eligibilityText(a.eligibility, buildingNames)} />
          {a.points > 0 && <Fact label="积分" value={`到场签到得 ${a.points} 积分`} />}
        </View>
        {a.phase === 'cancelled' && (
          <View id="activity-cancelled" className="activity-cancelled">
            <Text className="activity-cancelled__title">这个活动已取消</Text>
            {a.cancelReason && <Text className="activity-note">原因：{a.cancelReason}</Text>}
          </View>
        )}
      </Card>

      {mine && <MyRegistration activity={a} statusText={mine} refresh={refresh} />}
      {!mine || a.myStatus === 'cancelled' || a.myStatus === 'expired' ? <SignUp activity={a} refresh={refresh} /> : null}

      {checkingIn && (
        <>
          <ScanOrganiserCode event={event} roles={ACTIVITY_ROLES} refresh={refresh} />
          <PersonalCode event={event} roles={ACTIVITY_ROLES} refresh={refresh} />
        </>
      )}
      {a.myStatus === 'registered' && a.checkin === 'early' && !a.isOrganiser && (
        <Text id="checkin-early" className="activity-note activity-note--page">
          活动开始前 1 小时起可以扫码签到；{a.points > 0 ? `签到后得 ${a.points} 积分。` : '签到记入活动记录。'}
        </Text>
      )}

      {a.isOrganiser && <OrganiserLinks activity={a} />}
      {access.canSignUpNeighbours && a.phase === 'open' && (
        <LinkRow id="activity-proxy" title="为邻居代报名" desc="为不方便用手机的居民报名，须先征得本人同意" onClick={() => openPage('activityProxy', { id: a.id })} />
      )}

      {a.summary && <Summary activity={a} />}

      <SectionTitle title="活动介绍" />
      <Card id="activity-description">
        <Text className="activity-body">{a.description || '组织者没有写介绍。'}</Text>
      </Card>
    </>
  )
}

function eligibilityText(e: ActivityDetail['eligibility'], names: Map<string, string>): string {
  if (e.kind === 'all') return '本社区居民'
  if (e.kind === 'verified') return '已认证的居民'
  const listed = e.buildingIds.map((b) => names.get(b)).filter(Boolean)
  return listed.length ? `${listed.join('、')}的已认证居民` : '指定楼栋的已认证居民'
}

function Fact({ label, value, strong, id }: { label: string; value: string; strong?: boolean; id?: string }) {
  return (
    <View className="activity-fact">
      <Text className="activity-fact__label">{label}</Text>
      <Text id={id} className={strong ? 'activity-fact__value activity-fact__value--strong' : 'activity-fact__value'}>
        {value}
      </Text>
    </View>
  )
}

/** Where I stand: the big answer, an offer to confirm, what I gave, who signed me up, and cancelling. */
function MyRegistration({ activity: a, statusText, refresh }: { activity: ActivityDetail; statusText: string; refresh: () => Promise<void> }) {
  const cancel = useAction('activity.cancel', {
    confirm: {
      title: '取消报名',
      content: a.myStatus === 'waitlisted' ? '取消后离开候补队列，再报名要重新排队。' : '取消后名额会让给候补的邻居，之后能否再报名要看名额。',
      confirmText: '取消报名',
      danger: true,
    },
    done: '已取消报名',
    refresh,
  })
  const claim = useAction('activity.claim', { done: '已确认参加', refresh })
  const tone = a.myStatus === 'registered' ? 'brand' : a.myStatus === 'offered' || a.myStatus === 'waitlisted' ? 'warning' : 'neutral'
  const active = a.myStatus === 'registered' || a.myStatus === 'offered' || a.myStatus === 'waitlisted'
  // Once it has begun, cancelling is over: what is left to say is whether I came.
  const over = a.phase === 'ongoing' || a.phase === 'ended'
  return (
    <Card id="activity-mine" title="我的报名">
      <Text id="activity-my-status" className={`activity-status activity-status--${tone}`}>
        {a.attendedByMe ? '已签到参加' : over && a.myStatus === 'registered' && a.phase === 'ended' ? '报名成功，未签到' : statusText}
      </Text>
      {a.myStatus === 'waitlisted' && <Text className="activity-note">前面有人取消或组织者增加名额时，按顺序自动递补，并发消息告诉你。</Text>}
      {a.myStatus === 'offered' && a.myOfferUntil && (
        <View id="activity-offer" className="activity-offer">
          <Text className="activity-note">有名额空出，轮到你了。请在 {formatDateTime(a.myOfferUntil)} 前确认参加，逾期名额让给下一位。</Text>
          <Button id="activity-claim" block disabled={claim.loading} onClick={() => void claim.run({ activityId: a.id })}>
            {claim.loading ? '请稍候…' : '确认参加'}
          </Button>
        </View>
      )}
      {active && a.myCompanions !== null && a.myCompanions > 0 && <Text className="activity-note">同行 {a.myCompanions} 人，共占 {a.myCompanions + 1} 个名额</Text>}
      {active &&
        a.myAnswers.map((answer) => (
          <Text key={answer.field} className="activity-note">
            {a.fields.find((f) => f.id === answer.field)?.label ?? '报名信息'}：{String(answer.value)}
          </Text>
        ))}
      {a.myProxy && (
        <Text id="activity-my-proxy" className="activity-note">
          {a.myProxy.line ?? `由楼栋长代为报名（${consentLabel(a.myProxy.method)}）`}，{formatDateTime(a.myProxy.at)}。不想参加可以在这里取消。
        </Text>
      )}
      {active &&
        !over &&
        (a.canCancel === null ? (
          <Button id="activity-cancel-signup" block variant="secondary" className="activity-gap" disabled={cancel.loading} onClick={() => void cancel.run({ activityId: a.id })}>
            {a.myStatus === 'waitlisted' ? '取消候补' : '取消报名'}
          </Button>
        ) : (
          a.canCancel !== '没有报名' && (
            <Text id="activity-cancel-why" className="activity-note">
              {a.canCancel}。如有特殊情况，请联系组织者。
            </Text>
          )
        ))}
    </Card>
  )
}

/** The form, or why one cannot sign up now (not open yet, closed, full without a waitlist, not eligible). */
function SignUp({ activity: a, refresh }: { activity: ActivityDetail; refresh: () => Promise<void> }) {
  const access = useAccess()
  const signup = useAction('activity.signup', {
    // Signing up is when reminders (the day before, two hours before) are wanted.
    before: () => askSubscribe(['activityUpdate']),
    done: (res) => (res.status === 'waitlisted' ? `候补第 ${res.position} 位` : res.status === 'offered' ? '请确认参加' : '报名成功'),
    refresh,
  })
  if (a.phase === 'ended' || a.phase === 'ongoing' || a.phase === 'cancelled' || a.phase === 'draft') return null
  if (!access.canSignUpForActivities) {
    return <Text id="activity-signup-why" className="activity-note activity-note--page">{access.street ? '街道账号可以查看活动，报名由居民本人进行。' : '加入社区后可以报名。'}</Text>
  }
  if (a.canSignUp !== null) {
    return (
      <Card id="activity-signup-closed">
        <Text id="activity-signup-why" className="activity-note">{a.canSignUp}</Text>
      </Card>
    )
  }
  const full = a.seatsLeft === 0 || a.waitingCount > 0
  return (
    <Card id="activity-signup" title={full ? '候补报名' : '报名'}>
      {full && <Text className="activity-note">名额已满。现在报名排在候补第 {a.waitingCount + 1} 位，有人取消时按顺序递补并通知你。</Text>}
      <SignupForm activity={a} submitText={full ? '候补报名' : '报名参加'} busy={signup.loading} onSubmit={(input) => void signup.run({ activityId: a.id, companions: input.companions, answers: input.answers, form: { fields: a.fields, full } })} />
    </Card>
  )
}

/** For the activity's organisers: its registrations and waiting line, the check-in screen, changes, the summary. */
function OrganiserLinks({ activity: a }: { activity: ActivityDetail }) {
  const started = a.phase === 'ongoing' || a.phase === 'ended'
  const live = a.phase !== 'cancelled'
  return (
    <>
      <SectionTitle title="组织者" />
      <LinkRow id="activity-manage" title="报名名单与候补" desc={`已占 ${a.seatsTaken}/${a.capacity} 个名额，候补 ${a.waitingCount} 人；调整名额、取消活动`} onClick={() => openPage('activityManage', { id: a.id })} />
      {live && <LinkRow id="activity-checkin" title="现场签到" desc="出示签到码、扫居民签到码、手工登记；签到名单和导出表格" onClick={() => openPage('activityCheckin', { id: a.id })} />}
      {live && !started && <LinkRow id="activity-edit" title="修改活动" desc="时间、地点、名额、报名设置；时间地点变了会通知已报名的人" onClick={() => openPage('activityEdit', { id: a.id })} />}
      {live && started && <LinkRow id="activity-summary-edit" title={a.summary ? '修改活动小结' : '写活动小结'} desc="到场人数、未到场、照片和小结，可以发布为公告" onClick={() => openPage('activitySummary', { id: a.id })} />}
    </>
  )
}

function Summary({ activity: a }: { activity: ActivityDetail }) {
  const summary = a.summary!
  return (
    <>
      <SectionTitle title="活动小结" />
      <Card id="activity-summary">
        <Text className="activity-summary__counts">
          到场 {summary.attended} 人{summary.noShows > 0 ? ` · 未到场 ${summary.noShows} 人` : ''}
        </Text>
        <Text className="activity-body">{summary.text}</Text>
        {a.photos.length > 0 && (
          <View className="activity-photos">
            {a.photos.map((photo) => (
              <Image key={photo} className="activity-photos__image" src={fileUrl(photo)} mode="aspectFill" onClick={() => void Taro.previewImage({ urls: a.photos.map(fileUrl), current: fileUrl(photo) })} />
            ))}
          </View>
        )}
        {summary.noticeId && <LinkRow id="activity-summary-notice" title="查看公告" desc="小结已发布到公示栏" onClick={() => openPage('notice', { id: summary.noticeId! })} />}
      </Card>
    </>
  )
}
