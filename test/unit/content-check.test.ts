/**
 * The rules of the text check that need no server: how WeChat's answers are read (only
 * a clean pass passes), how a long text is cut into parts WeChat accepts (no part over
 * 2,500 characters, no word lost at a border), and that every string an action takes
 * is either checked before it is stored or declared as something that is not free text.
 */
import { readTextCheck, textParts, TEXT_CHECK_MAX_CHARS, PART_OVERLAP } from '../../cloudfunctions/api/src/platform/moderation'
import { machineText } from '../../cloudfunctions/api/src/platform/validation'
import { allActions } from '../../cloudfunctions/api/src/registry'
import { moderatedText } from '../../cloudfunctions/api/src/platform/validation'
import { stringLeaves } from '../helpers/schema'

const ALL_ACTIONS = allActions()

describe('reading msgSecCheck’s answer', () => {
  const pass = { errcode: 0, errmsg: 'ok', result: { suggest: 'pass', label: 100 }, detail: [], trace_id: 't' }
  it.each([
    ['a clean pass', pass, 'pass'],
    ['a pass as the SDK leaves it, a JSON string', JSON.stringify(pass), 'pass'],
    ['a risky verdict', { errcode: 0, result: { suggest: 'risky', label: 20006 } }, 'risky'],
    ['version 1’s 87014', { errcode: 87014, errmsg: 'risky content' }, 'risky'],
    ['a verdict asking for review', { errcode: 0, result: { suggest: 'review', label: 21000 } }, 'review'],
    ['61010', { errcode: 61010, errmsg: 'code is expired' }, 'openid'],
    ['40003', { errcode: 40003, errmsg: 'invalid openid' }, 'openid'],
    ['45009', { errcode: 45009, errmsg: 'reach max api daily quota limit' }, 'quota'],
    ['45011', { errcode: 45011, errmsg: 'api minute-quota reach limit' }, 'quota'],
    ['-1', { errcode: -1, errmsg: 'system error' }, 'system'],
    ['an unknown error code', { errcode: 47001, errmsg: 'data format error' }, 'system'],
    ['errcode 0 without a verdict', { errcode: 0, errmsg: 'ok' }, 'malformed'],
    ['an unknown suggestion', { errcode: 0, result: { suggest: 'PASS' } }, 'malformed'],
    ['a CloudBase error instead of WeChat’s answer', { code: 'SYS_ERR', message: 'wx api error', requestId: 'r' }, 'malformed'],
    ['not JSON', 'upstream gateway timeout', 'malformed'],
    ['nothing', undefined, 'malformed'],
  ])('%s', (_what, body, outcome) => {
    expect(readTextCheck(body).outcome).toBe(outcome)
  })
})

describe('cutting a long text', () => {
  const codePoints = (s: string) => [...s].length

  it('leaves a text WeChat takes at once whole', () => {
    const s = '楼道'.repeat(1250)
    expect(textParts(s)).toEqual([s])
  })

  it('gives parts of at most 2,500 characters that cover the text, each overlapping the next', () => {
    const s = Array.from({ length: 7000 }, (_, i) => String.fromCharCode(0x4e00 + (i % 2000))).join('')
    const parts = textParts(s)
    expect(parts.length).toBe(3)
    for (const p of parts) expect(codePoints(p)).toBeLessThanOrEqual(TEXT_CHECK_MAX_CHARS)
    // Any stretch up to the overlap lies whole inside some part, wherever it falls.
    for (let at = 0; at + PART_OVERLAP <= s.length; at += 97) {
      const stretch = s.slice(at, at + PART_OVERLAP)
      expect(parts.some((p) => p.includes(stretch))).toBe(true)
    }
  })

  it('never splits a character WeChat counts as one (emoji, rare 汉字 beyond the BMP)', () => {
    const s = '😀𠀀'.repeat(1800)
    const parts = textParts(s)
    for (const p of parts) {
      expect(codePoints(p)).toBeLessThanOrEqual(TEXT_CHECK_MAX_CHARS)
      expect(p).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/)
    }
  })
})

describe('every string an action takes', () => {
  it('is checked with WeChat before it is stored, or declared not to be free text', () => {
    const unaccounted: string[] = []
    for (const def of ALL_ACTIONS) {
      for (const leaf of stringLeaves(def.input)) {
        // A pattern or a format (a date, an id, a file id) leaves no room for words.
        const structured = !!leaf.schema.format
        if (moderatedText.has(leaf.schema) || machineText.has(leaf.schema) || structured) continue
        unaccounted.push(`${def.name}: ${leaf.path.join('.')}`)
      }
    }
    expect(unaccounted).toEqual([])
  })
})
