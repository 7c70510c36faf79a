/**
 * 志愿服务's pure rules: identity numbers (checked, masked, hashed with a key),
 * the 10-working-day deadline, star levels awarded in order, the present-share rule,
 * and where the certificate's font comes from.
 */
import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterWorkingDays, idNumberHash, maskIdNumber, normaliseIdNumber, starFor, starsAwarded } from '../../cloudfunctions/api/src/modules/volunteer/model'
import { findFont, SYSTEM_FONTS } from '../../cloudfunctions/api/src/modules/volunteer/pdf'
import { countedMinutes } from '../../cloudfunctions/api/src/platform/checkin'
import { LAST_KNOWN_YEAR } from '../../cloudfunctions/api/src/platform/workdays'
import { idNumber } from '../helpers/volunteer'

describe('identity numbers', () => {
  const id = idNumber('35020319850612342')
  it('accepts a number with its check digit, in either case, and refuses one without', () => {
    expect(normaliseIdNumber(` ${id.toLowerCase()} `)).toBe(id)
    expect(normaliseIdNumber(id.slice(0, 17) + (id[17] === '0' ? '1' : '0'))).toBeNull()
    expect(normaliseIdNumber('35020319851312342' + '1')).toBeNull()
    expect(normaliseIdNumber('12345')).toBeNull()
  })
  it('masks all but the first and last four characters', () => {
    expect(maskIdNumber(id)).toBe(`3502**********${id.slice(-4)}`)
  })
  it('hashes with a key and per community: the same number matches only with the same key and community', () => {
    expect(idNumberHash(id, 'c_a', 'k1')).toBe(idNumberHash(id, 'c_a', 'k1'))
    expect(idNumberHash(id, 'c_a', 'k1')).not.toBe(idNumberHash(id, 'c_a', 'k2'))
    expect(idNumberHash(id, 'c_a', 'k1')).not.toBe(idNumberHash(id, 'c_b', 'k1'))
    expect(idNumberHash(id, 'c_a', 'k1')).not.toContain(id.slice(6, 14))
  })
})

describe('10 working days', () => {
  it('counts Monday to Friday and ends at midnight China time', () => {
    // Monday 2026-11-23 afternoon: the 10th working day after it is Monday 12-07.
    expect(afterWorkingDays(new Date('2026-11-23T15:00:00+08:00'), 10).toISOString()).toBe(new Date('2026-12-08T00:00:00+08:00').toISOString())
    // Friday evening: the next working day is Monday.
    expect(afterWorkingDays(new Date('2026-11-27T23:30:00+08:00'), 1).toISOString()).toBe(new Date('2026-12-01T00:00:00+08:00').toISOString())
    // Late at night UTC is already the next day in China.
    expect(afterWorkingDays(new Date('2026-11-27T17:00:00Z'), 1).toISOString()).toBe(new Date('2026-12-01T00:00:00+08:00').toISOString())
  })
  it('skips the 国庆 holidays and counts the 调休 Saturday that makes up for them', () => {
    // A shift on Wednesday 2026-09-30: 10-01..10-07 are holidays; Saturday 10-10 is a working day.
    // Working days 10-08, 09, 10, 12, 13, 14, 15, 16, 19, 20: final when 10-20 ends (Monday to Friday alone would say 10-14).
    expect(afterWorkingDays(new Date('2026-09-30T18:00:00+08:00'), 10).toISOString()).toBe(new Date('2026-10-21T00:00:00+08:00').toISOString())
    // From Friday 10-09 the next working day is that Saturday, not Monday.
    expect(afterWorkingDays(new Date('2026-10-09T12:00:00+08:00'), 1).toISOString()).toBe(new Date('2026-10-11T00:00:00+08:00').toISOString())
    // Sunday 2026-09-20 is a 调休 working day too.
    expect(afterWorkingDays(new Date('2026-09-19T12:00:00+08:00'), 1).toISOString()).toBe(new Date('2026-09-21T00:00:00+08:00').toISOString())
  })
  it('counts Monday to Friday in a year whose schedule is not yet published, and says so in the log', () => {
    const lines: Array<{ msg: string; fields?: Record<string, unknown> }> = []
    const log = { info: (msg: string, fields?: Record<string, unknown>) => lines.push({ msg, fields }), error() {} }
    const year = LAST_KNOWN_YEAR + 1
    // The 1st working day after 12-30 of the last known year, in a year with no data: January 1st's weekday decides.
    const newYear = new Date(Date.UTC(year, 0, 1))
    const weekend = newYear.getUTCDay() === 0 || newYear.getUTCDay() === 6
    const firstWorkday = weekend ? (newYear.getUTCDay() === 6 ? 3 : 2) : 1
    const pad = (d: number) => String(d).padStart(2, '0')
    expect(afterWorkingDays(new Date(`${year - 1}-12-31T12:00:00+08:00`), 1, log).toISOString()).toBe(new Date(`${year}-01-${pad(firstWorkday + 1)}T00:00:00+08:00`).toISOString())
    expect(lines).toEqual([{ msg: 'workdays.beyond-calendar', fields: { year, lastKnownYear: LAST_KNOWN_YEAR, rule: 'Monday to Friday' } }])
    // Logged once per year and process, not on every deadline.
    afterWorkingDays(new Date(`${year}-03-02T12:00:00+08:00`), 10, log)
    expect(lines).toHaveLength(1)
  })
})

describe('star levels', () => {
  const national = [100, 300, 600, 1000, 1500]
  it('follow the thresholds in hours', () => {
    expect(starFor(99 * 60 + 59, national)).toBe(0)
    expect(starFor(100 * 60, national)).toBe(1)
    expect(starFor(1500 * 60, national)).toBe(5)
  })
  it('are awarded in order, each level once, never taken back', () => {
    expect(starsAwarded(0, 35 * 60, [10, 20, 30, 40, 50])).toEqual([1, 2, 3])
    expect(starsAwarded(3, 35 * 60, [10, 20, 30, 40, 50])).toEqual([])
    expect(starsAwarded(3, 5 * 60, [10, 20, 30, 40, 50])).toEqual([])
  })
})

describe('the present share', () => {
  it('counts a stay of at least the share of the event, and nothing below it', () => {
    expect(countedMinutes(90, 120, 0.6)).toBe(90)
    expect(countedMinutes(72, 120, 0.6)).toBe(72)
    expect(countedMinutes(71, 120, 0.6)).toBe(0)
    expect(countedMinutes(30, 120, 0.6)).toBe(0)
    expect(countedMinutes(0, 120, 0)).toBe(0)
  })
})

describe('the certificate’s font', () => {
  const system = SYSTEM_FONTS.find((f) => existsSync(f.path))
  it('is the one named by CERT_FONT_PATH, or none when that file is missing', () => {
    expect(findFont({ CERT_FONT_PATH: '/nonexistent/font.ttf' }, [])).toBeNull()
    if (system) expect(findFont({ CERT_FONT_PATH: system.path, CERT_FONT_FAMILY: 'X' }, [])).toEqual({ path: system.path, family: 'X' })
  })
  it('is the one shipped beside the function, as fonts/cert-font.json names it, before the system’s', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fonts-'))
    mkdirSync(join(dir, 'fonts'))
    writeFileSync(join(dir, 'fonts', 'shipped.ttc'), 'not really a font')
    writeFileSync(join(dir, 'fonts', 'cert-font.json'), JSON.stringify({ file: 'shipped.ttc', family: 'NotoSansCJKsc-Regular' }))
    expect(findFont({}, [dir])).toEqual({ path: join(dir, 'fonts', 'shipped.ttc'), family: 'NotoSansCJKsc-Regular' })
    expect(findFont({}, [mkdtempSync(join(tmpdir(), 'nofonts-'))])).toEqual(system ?? null)
  })
})
