import { activityShareTitle, candidateShareTitle, clip, issueShareTitle, meetingShareTitle, motionShareTitle, noticeShareTitle, sharePath, wishShareTitle } from './share'

describe('share card titles carry the live figure', () => {
  test('a matter still gathering asks for co-signs with its count; a decided one shows its state, not progress', () => {
    expect(issueShareTitle({ title: '小区西门晚上太暗', status: 'open', statusLabel: '征集附议', cosigns: 7, threshold: 10 })).toBe('帮我附议：小区西门晚上太暗（附议 7/10）')
    expect(issueShareTitle({ title: '小区西门晚上太暗', status: 'answered', statusLabel: '已答复', cosigns: 7, threshold: 10 })).toBe('小区西门晚上太暗（已答复）')
  })

  test('seats left, or full, in China time whatever the phone zone', () => {
    const startAt = '2026-11-26T01:30:00.000Z'
    expect(activityShareTitle({ title: '亲子手工', startAt, seatsLeft: 3 })).toBe('亲子手工｜11月26日 09:30｜剩余名额 3')
    expect(activityShareTitle({ title: '亲子手工', startAt, seatsLeft: 0, waitlist: true })).toBe('亲子手工｜11月26日 09:30｜已满，可候补')
    expect(meetingShareTitle({ title: '11 月议事会', startAt, seatsLeft: 0, status: 'scheduled' })).toBe('议事会：11 月议事会｜11月26日 09:30｜名额已满')
    expect(meetingShareTitle({ title: '11 月议事会', startAt, seatsLeft: 5, status: 'cancelled' })).toBe('议事会：11 月议事会（已取消）')
  })

  test('a motion names its deadline and turnout while open, its result once closed', () => {
    expect(motionShareTitle({ title: '充电桩位置', state: 'open', closesAt: '2026-11-26T02:00:00.000Z', cast: 12, eligible: 37 })).toBe('表决：充电桩位置｜11月26日 10:00截止｜已投 12/37')
    expect(motionShareTitle({ title: '加装电梯', state: 'open', closesAt: '2026-11-26T02:00:00.000Z', cast: 9, eligible: 24, unit: 'household' })).toBe('表决：加装电梯｜11月26日 10:00截止｜已投 9/24 户')
    expect(motionShareTitle({ title: '充电桩位置', state: 'closed', closesAt: '2026-11-26T02:00:00.000Z' })).toBe('表决结果：充电桩位置')
  })

  test('notices, candidates and wishes', () => {
    const notice = { title: '电梯加装结果', categoryLabel: '结果', publicUntil: '2026-11-28T10:00:00.000Z' }
    expect(noticeShareTitle(notice, Date.parse('2026-11-25T10:00:00.000Z'))).toBe('结果：电梯加装结果｜公示剩 3 天')
    expect(noticeShareTitle(notice, Date.parse('2026-11-28T09:00:00.000Z'))).toBe('结果：电梯加装结果｜公示剩 1 天')
    expect(noticeShareTitle(notice, Date.parse('2026-11-28T10:00:00.000Z'))).toBe('结果：电梯加装结果｜公示已结束')
    expect(noticeShareTitle({ ...notice, publicUntil: null }, 0)).toBe('结果：电梯加装结果')
    expect(candidateShareTitle({ name: '王*', number: 3, campaignTitle: '2026 最美邻里' })).toBe('2026 最美邻里：3 号候选人 王*')
    expect(wishShareTitle({ title: '想要一床厚棉被', status: 'open' })).toBe('微心愿：想要一床厚棉被，等你认领')
    expect(wishShareTitle({ title: '想要一床厚棉被', status: 'claimed' })).toBe('微心愿：想要一床厚棉被')
  })

  test('a long name is clipped so the figure stays on the card', () => {
    const long = '关于小区北门外侧人行道地砖松动积水严重的问题'
    const title = issueShareTitle({ title: long, status: 'open', statusLabel: '征集附议', cosigns: 2, threshold: 10 })
    expect(title.endsWith('（附议 2/10）')).toBe(true)
    expect(clip(long)).toHaveLength(18)
    expect(clip('短标题')).toBe('短标题')
  })
})

test('the path names the page, the item and the community', () => {
  expect(sharePath('issue', { id: 'c_lujiang:issue-s2' }, 'c_lujiang')).toBe('/packages/council/issue/index?id=c_lujiang%3Aissue-s2&c=c_lujiang')
  expect(sharePath('wish', { id: 'c_x:w' }, null)).toBe('/packages/mall/wish/index?id=c_x%3Aw')
})
