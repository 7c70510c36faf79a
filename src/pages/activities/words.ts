// What an activity's state says to a resident: the tag on a card, the seats line,
// where I stand. Pure (no Taro, no React), so words.test.ts reads what residents do.

type Tone = 'brand' | 'warning' | 'danger' | 'neutral'

export interface Said {
  text: string
  tone: Tone
}

/** Where an activity stands now, as the server says (activity/signup.ts phaseOf). */
export type Phase = 'draft' | 'cancelled' | 'notOpen' | 'open' | 'closed' | 'ongoing' | 'ended'

interface Seats {
  phase: string
  capacity: number
  seatsTaken: number
  seatsLeft: number
  waitingCount: number
  waitlist: boolean
}

/** The tag on a card or the detail's head. */
export function activityTag(a: Seats): Said {
  switch (a.phase) {
    case 'cancelled':
      return { text: '已取消', tone: 'danger' }
    case 'draft':
      return { text: '草稿', tone: 'neutral' }
    case 'notOpen':
      return { text: '即将开放报名', tone: 'neutral' }
    case 'closed':
      return { text: '报名已截止', tone: 'neutral' }
    case 'ongoing':
      return { text: '进行中', tone: 'brand' }
    case 'ended':
      return { text: '已结束', tone: 'neutral' }
    default:
      if (a.seatsLeft > 0 && a.waitingCount === 0) return { text: '报名中', tone: 'brand' }
      return a.waitlist ? { text: '可候补', tone: 'warning' } : { text: '名额已满', tone: 'warning' }
  }
}

/** 剩余名额 N, or the waiting line when it is full: what decides whether one signs up. */
export function seatsLine(a: Seats): string {
  if (a.phase === 'cancelled') return `原定名额 ${a.capacity} 人`
  // Sign-up is over: how many are coming, not what one could still join.
  if (a.phase === 'closed' || a.phase === 'ongoing' || a.phase === 'ended') return `已报名 ${a.seatsTaken} 人（名额 ${a.capacity}）`
  if (a.waitingCount > 0) return `名额已满 · 候补 ${a.waitingCount} 人`
  if (a.seatsLeft > 0) return `剩余名额 ${a.seatsLeft}（共 ${a.capacity}）`
  return a.waitlist ? '名额已满 · 可以候补' : '名额已满'
}

/** My registration's state (activity/model.ts RegistrationStatus), with my place in the queue. */
export function myStatusText(status: string | null, position: number | null): string | null {
  switch (status) {
    case 'registered':
      return '报名成功'
    case 'offered':
      return '候补到位，待确认'
    case 'waitlisted':
      return position ? `候补第 ${position} 位` : '候补中'
    case 'cancelled':
      return '已取消报名'
    case 'removed':
      return '报名被组织者取消'
    case 'expired':
      return '确认超时，名额已让出'
    case 'activityCancelled':
      return '活动已取消'
    default:
      return null
  }
}

const MY_TONES: Record<string, Tone> = {
  registered: 'brand',
  offered: 'warning',
  waitlisted: 'warning',
  cancelled: 'neutral',
  removed: 'danger',
  expired: 'neutral',
  activityCancelled: 'danger',
}

interface Mine {
  myStatus: string | null
  myPosition: number | null
  phase: string
  attended?: boolean
}

/** The tag on a card in 我的活动: my state, and once it is over whether I came. */
export function myActivityTag(a: Mine): Said {
  if (a.attended) return { text: '已签到', tone: 'brand' }
  if (a.phase === 'ended' && a.myStatus === 'registered') return { text: '未签到', tone: 'neutral' }
  if (a.phase === 'ended' && (a.myStatus === 'waitlisted' || a.myStatus === 'offered')) return { text: '候补未轮到', tone: 'neutral' }
  return { text: myStatusText(a.myStatus, a.myPosition) ?? '未报名', tone: MY_TONES[a.myStatus ?? ''] ?? 'neutral' }
}

/** 不可取消 / 报名截止前可取消 / 开始前可取消: the policy as the detail page states it. */
export function cancelPolicyText(policy: string): string {
  if (policy === 'never') return '报名后不可取消'
  if (policy === 'beforeSignupEnd') return '报名截止前可以取消'
  return '活动开始前可以取消'
}
