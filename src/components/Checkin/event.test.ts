import { checkinId, checkinWords, eventInput, MEETING_ROLES, type CheckinRoles } from './event'

const SHIFT: CheckinRoles = { organiser: '队长', attendee: '志愿者', signUp: '排班' }

describe('what the check-in cards say', () => {
  it('at a 议事会, every sentence residents and the committee read before the cards were shared', () => {
    const w = checkinWords(undefined, MEETING_ROLES)
    expect(w.scan).toEqual({
      title: '扫码签到',
      hint: '到场后，用相机扫居委会手机上的签到码。签到码每 30 秒更换一次，请扫最新的。',
      button: '扫码签到',
      pasteLabel: '开发替代：粘贴签到码',
      pastePlaceholder: '本地网页版不能扫码，请粘贴签到码文字',
    })
    expect(w.personal).toEqual({
      title: '我的签到码',
      intro: '不方便扫码？出示我的签到码，请居委会工作人员用手机扫一下，就能签到。',
      show: '出示我的签到码',
      hide: '收起我的签到码',
      loading: '正在生成我的签到码…',
      note: '请把手机交给居委会工作人员扫一下，签到成功后这里会显示“已签到”。',
    })
    expect(w.organiserCode).toEqual({
      title: '签到码（居委会）',
      intro: '把手机放在入口，请到场的居民扫码签到。签到码每 30 秒更换，截图转发无效。',
      show: '出示签到码',
      hide: '收起签到码',
      loading: '正在生成签到码…',
    })
    expect(w.scanAttendee).toEqual({
      title: '扫居民的签到码',
      hint: '居民不方便扫码时，请他打开本页的“我的签到码”，用你的手机扫一下即为他签到。',
      button: '扫居民签到码',
      pasteLabel: '开发替代：粘贴居民的签到码',
      pastePlaceholder: '本地网页版不能扫码，请粘贴居民签到码文字',
    })
    expect([w.mark.title(null), w.mark.title(3), w.mark.hint, w.mark.noneSignedUp, w.mark.searchLabel, w.mark.confirm('王*')]).toEqual([
      '手工登记到场',
      '手工登记到场（已报名 3 人）',
      '为没带手机、不会扫码的居民登记。请当面核对本人后再点“登记到场”。',
      '还没有居民报名，可以在下面查找居民登记。',
      '没有报名的居民',
      '确认「王*」已经到场？登记会记入签到名单和操作记录。',
    ])
    expect([w.credited(false), w.credited(true), w.mark.marked(false), w.mark.marked(true), w.list.title(2), w.list.empty]).toEqual([
      '签到成功',
      '已签到过',
      '已登记到场',
      '已签到过',
      '签到名单（2 人）',
      '还没有人签到',
    ])
  })

  it('on leaving a volunteer shift, says 签退 and names the shift’s people', () => {
    const w = checkinWords('out', SHIFT)
    expect(w.scan.title).toBe('扫码签退')
    expect(w.scan.hint).toBe('离开前，用相机扫队长手机上的签退码。签退码每 30 秒更换一次，请扫最新的。')
    expect(w.organiserCode.title).toBe('签退码（队长）')
    expect(w.mark.title(5)).toBe('手工登记离开（已排班 5 人）')
    expect(w.credited(false)).toBe('签退成功')
    expect(JSON.stringify(w)).not.toContain('签到')
  })

  it('asks WeChat’s modal for a confirm button of at most 4 characters, in either direction', () => {
    for (const direction of [undefined, 'out'] as const) expect([...checkinWords(direction, SHIFT).mark.button].length).toBeLessThanOrEqual(4)
  })
})

describe('which event the cards are about', () => {
  it('names a meeting as the check-in actions take it, without a direction it does not have', () => {
    expect(eventInput({ kind: 'meeting', eventId: 'c1:mt-1' })).toEqual({ kind: 'meeting', eventId: 'c1:mt-1' })
    expect(eventInput({ kind: 'shift', eventId: 's1', direction: 'out' })).toEqual({ kind: 'shift', eventId: 's1', direction: 'out' })
  })

  it('keeps the ids of arrival cards as they were, and gives departure cards their own', () => {
    expect(checkinId('checkin-organiser', {})).toBe('checkin-organiser')
    expect(checkinId('checkin-organiser', { direction: 'in' })).toBe('checkin-organiser')
    expect(checkinId('checkin-organiser', { direction: 'out' })).toBe('checkin-organiser-out')
  })
})
