import { formatDateTime, formatDay, formatTime, fromChina, inChina } from './date'

/** Node reads TZ afresh when it changes, so one process can stand in for phones set to other zones. */
function inZone(zone: string, run: () => void) {
  const saved = process.env.TZ
  process.env.TZ = zone
  try {
    run()
  } finally {
    process.env.TZ = saved
  }
}

const ZONES = ['Asia/Shanghai', 'UTC', 'America/Los_Angeles', 'Europe/London', 'Pacific/Kiritimati']

describe('times read in China time whatever the phone’s zone', () => {
  // 2026-11-30 23:30 UTC is 12月01日 07:30 in China: the day differs from UTC's and Los Angeles's.
  const moment = '2026-11-30T23:30:00.000Z'

  it.each(ZONES)('formats the day and the clock as China does (phone in %s)', (zone) => {
    inZone(zone, () => {
      expect(formatDay(moment)).toBe('12月01日')
      expect(formatDateTime(moment)).toBe('12月01日 07:30')
      expect(formatTime(moment)).toBe('07:30')
    })
  })

  it.each(ZONES)('turns a picked China day and time into that moment (phone in %s)', (zone) => {
    inZone(zone, () => {
      expect(fromChina('2026-12-01', '07:30').toISOString()).toBe(moment)
      expect(fromChina('2026-12-01', '19:30').add(90, 'minute').format('HH:mm')).toBe('21:00')
      // the end of a China day, as a deadline
      expect(inChina(moment).endOf('day').toISOString()).toBe('2026-12-01T15:59:59.999Z')
      expect(inChina(moment).add(1, 'day').format('YYYY-MM-DD')).toBe('2026-12-02')
      // 明天 8:00 and the weekday chip, as the motion and meeting forms offer them
      expect(inChina(moment).add(1, 'day').startOf('day').hour(8).toISOString()).toBe('2026-12-02T00:00:00.000Z')
      expect(inChina(moment).day()).toBe(2)
    })
  })
})
