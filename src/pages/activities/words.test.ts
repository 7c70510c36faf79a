import { activityTag, cancelPolicyText, myActivityTag, myStatusText, seatsLine } from './words'

const open = { phase: 'open', capacity: 20, seatsTaken: 8, seatsLeft: 12, waitingCount: 0, waitlist: true }

describe('what an activity’s card says', () => {
  it('seats left while there are some, the waiting line once it is full', () => {
    expect(seatsLine(open)).toBe('剩余名额 12（共 20）')
    expect(seatsLine({ ...open, seatsLeft: 0, waitingCount: 3 })).toBe('名额已满 · 候补 3 人')
    expect(seatsLine({ ...open, seatsLeft: 0 })).toBe('名额已满 · 可以候补')
    expect(seatsLine({ ...open, seatsLeft: 0, waitlist: false })).toBe('名额已满')
    // A seat freed while people wait goes to them, not to a newcomer: the line is what a newcomer joins.
    expect(seatsLine({ ...open, seatsLeft: 1, waitingCount: 2 })).toBe('名额已满 · 候补 2 人')
    // Once sign-up is over, how many are coming.
    expect(seatsLine({ ...open, phase: 'closed', seatsLeft: 0, waitingCount: 2 })).toBe('已报名 8 人（名额 20）')
  })

  it('a tag for where it stands, 可候补 when full with a waitlist', () => {
    expect(activityTag(open)).toEqual({ text: '报名中', tone: 'brand' })
    expect(activityTag({ ...open, seatsLeft: 0, waitingCount: 1 })).toEqual({ text: '可候补', tone: 'warning' })
    expect(activityTag({ ...open, seatsLeft: 0, waitlist: false })).toEqual({ text: '名额已满', tone: 'warning' })
    expect(['notOpen', 'closed', 'ongoing', 'ended', 'cancelled'].map((phase) => activityTag({ ...open, phase }).text)).toEqual(['即将开放报名', '报名已截止', '进行中', '已结束', '已取消'])
  })
})

describe('where I stand', () => {
  it('报名成功, or my place in the line', () => {
    expect(myStatusText('registered', null)).toBe('报名成功')
    expect(myStatusText('waitlisted', 1)).toBe('候补第 1 位')
    expect(myStatusText('offered', null)).toBe('候补到位，待确认')
    expect(myStatusText(null, null)).toBeNull()
  })

  it('in 我的活动, once it is over, whether I came', () => {
    const mine = { myStatus: 'registered', myPosition: null, phase: 'ended' }
    expect(myActivityTag({ ...mine, attended: true })).toEqual({ text: '已签到', tone: 'brand' })
    expect(myActivityTag({ ...mine, attended: false }).text).toBe('未签到')
    expect(myActivityTag({ ...mine, myStatus: 'waitlisted', myPosition: 2 }).text).toBe('候补未轮到')
    expect(myActivityTag({ ...mine, myStatus: 'waitlisted', myPosition: 2, phase: 'open' })).toEqual({ text: '候补第 2 位', tone: 'warning' })
  })

  it('the cancellation policy in the words of the issue', () => {
    expect(['never', 'beforeSignupEnd', 'beforeStart'].map(cancelPolicyText)).toEqual(['报名后不可取消', '报名截止前可以取消', '活动开始前可以取消'])
  })
})
