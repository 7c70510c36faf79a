import { describeShift } from '../../src/components/ClockBanner/shift'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

describe('how far the local clock was moved, as the banner says it', () => {
  it('names days and hours, or hours and minutes under a day', () => {
    expect(describeShift(2 * DAY)).toBe('已快进 2 天')
    expect(describeShift(2 * DAY + 3 * HOUR + 20 * MINUTE)).toBe('已快进 2 天 3 小时')
    expect(describeShift(5 * HOUR + 7 * MINUTE)).toBe('已快进 5 小时 7 分钟')
    expect(describeShift(45 * MINUTE + 30_000)).toBe('已快进 45 分钟')
  })

  it('says when it was set back, and when the move is under a minute', () => {
    expect(describeShift(-3 * HOUR)).toBe('已调回 3 小时')
    expect(describeShift(20_000)).toBe('已快进不到 1 分钟')
  })
})
