/**
 * Bad input to every action — unknown keys, wrong types, overlong strings, a
 * payload that is not an object, ids of another community — gets INVALID_ARGUMENT
 * or NOT_FOUND with a Chinese message, and writes nothing.
 */
import { allActions } from '../../../cloudfunctions/api/src/registry'
import { describeCatalogue } from '../../../cloudfunctions/api/src/modules/system'
import { DEMO_COMMUNITY, OTHER_COMMUNITY } from '../../../local/seed/data'
import { dataWrites, startTestApi, type TestApi } from '../../helpers/api'
import { SAMPLES } from '../../helpers/samples'

const ALL_ACTIONS = allActions()

const C = DEMO_COMMUNITY._id
const O = OTHER_COMMUNITY._id

/** A sample's photo is its uploader's own file, and the router accepts no one else's. */
const UPLOADER: Record<string, string> = { 'council.paper.record': 'demo-committee' }

/**
 * Someone allowed to call each action, so that only the input can be at fault: a volunteer's
 * actions the demo volunteer, a building lead's the lead of 3号楼 (where the samples aim).
 */
const callerFor = (name: string, roles: readonly string[]) =>
  UPLOADER[name] ??
  (roles.includes('street') && !roles.includes('resident')
    ? 'demo-street'
    : roles.includes('public')
      ? null
      : roles.every((r) => r === 'volunteer')
        ? 'demo-volunteer'
        : roles.every((r) => r === 'buildingLead')
          ? 'demo-lead3'
          : 'demo-admin')

function wrongType(v: unknown): unknown {
  if (typeof v === 'string') return 12345
  if (typeof v === 'number') return '12'
  if (typeof v === 'boolean') return 'yes'
  if (Array.isArray(v)) return 'x'
  return 'x'
}

function variants(sample: Record<string, unknown>): Array<{ label: string; payload: unknown; codes: string[] }> {
  const out: Array<{ label: string; payload: unknown; codes: string[] }> = [
    { label: 'unknown key', payload: { ...sample, openid: 'demo-resident' }, codes: ['INVALID_ARGUMENT'] },
    { label: 'not an object', payload: 'hello', codes: ['INVALID_ARGUMENT'] },
    { label: 'an array', payload: [sample], codes: ['INVALID_ARGUMENT'] },
  ]
  for (const [key, value] of Object.entries(sample)) {
    out.push({ label: `${key} of the wrong type`, payload: { ...sample, [key]: wrongType(value) }, codes: ['INVALID_ARGUMENT'] })
    if (typeof value === 'string') {
      out.push({ label: `${key} overlong`, payload: { ...sample, [key]: '长'.repeat(5000) }, codes: ['INVALID_ARGUMENT'] })
      if (value.startsWith(C)) {
        out.push({ label: `${key} of another community`, payload: { ...sample, [key]: value.replace(C, O) }, codes: ['NOT_FOUND', 'INVALID_ARGUMENT'] })
      }
    }
  }
  return out
}

let t: TestApi
beforeAll(async () => {
  t = await startTestApi()
})
afterAll(() => t.close())

it('every action refuses bad input clearly and changes nothing', async () => {
  const problems: string[] = []
  let checked = 0
  for (const action of ALL_ACTIONS) {
    const caller = callerFor(action.name, action.roles)
    for (const v of variants((SAMPLES[action.name] ?? {}) as Record<string, unknown>)) {
      t.emulator.resetStats()
      const res = await t.call(caller, action.name as never, v.payload as never, C)
      const writes = dataWrites(t)
      checked++
      if (res.ok) {
        problems.push(`${action.name} / ${v.label}: accepted`)
        continue
      }
      if (!v.codes.includes(res.error.code)) problems.push(`${action.name} / ${v.label}: ${res.error.code} ${res.error.message}`)
      if (!/[\u4e00-\u9fa5]/.test(res.error.message)) problems.push(`${action.name} / ${v.label}: message not in Chinese: ${res.error.message}`)
      if (writes) problems.push(`${action.name} / ${v.label}: wrote ${writes} time(s)`)
    }
  }
  expect(problems).toEqual([])
  expect(checked).toBeGreaterThan(ALL_ACTIONS.length * 3)
})

describe('list cursors', () => {
  /** Every action that pages, read from the catalogue so a new list cannot be missed. */
  const paged = describeCatalogue(ALL_ACTIONS).actions.filter((a) => Object.keys((a.input.properties as Record<string, unknown>) ?? {}).includes('cursor'))

  it('pages through every list with the cursor it hands out', () => {
    expect(paged.map((a) => a.name)).toEqual(expect.arrayContaining(['notice.list', 'message.list', 'member.list', 'council.issue.list', 'council.motion.list']))
  })

  it('refuses a cursor that is not a non-negative whole number, on every list, changing nothing', async () => {
    const problems: string[] = []
    for (const a of paged) {
      const caller = callerFor(a.name, a.roles)
      const sample = (SAMPLES[a.name] ?? {}) as Record<string, unknown>
      for (const cursor of ['-1', 'abc', '1.5', '1e3', ' 2', '', 'NaN', '0x10', '2abc', '99999999999999999999']) {
        t.emulator.resetStats()
        const res = await t.call(caller, a.name as never, { ...sample, cursor } as never, C)
        const writes = dataWrites(t)
        if (res.ok || res.error.code !== 'INVALID_ARGUMENT' || !/[\u4e00-\u9fa5]/.test(res.error.message)) {
          problems.push(`${a.name} cursor ${JSON.stringify(cursor)}: ${res.ok ? 'accepted' : `${res.error.code} ${res.error.message}`}`)
        }
        if (writes) problems.push(`${a.name} cursor ${JSON.stringify(cursor)}: wrote ${writes} time(s)`)
      }
      for (const cursor of ['0', '2']) {
        const res = await t.call(caller, a.name as never, { ...sample, cursor } as never, C)
        if (!res.ok) problems.push(`${a.name} cursor ${cursor}: ${res.error.code} ${res.error.message}`)
      }
    }
    expect(problems).toEqual([])
  })
})

describe('names', () => {
  // Zero-width characters, direction overrides, Hangul fillers and blank Braille: they look empty or rearrange what others read.
  const INVISIBLE = ['\u200b', '\u200b\u200c', '\u202e管理员', '居委会\u202d', '\u2066王\u2069', '\ufeff', '\u3164', '\u2800\u2800', '\u00ad', ' \u200b ', '\u2060']
  const fields: Array<{ action: string; caller: string | ((i: number) => string); payload: (name: string) => Record<string, unknown> }> = [
    { action: 'community.join', caller: (i) => `names-newcomer-${i}`, payload: (name) => ({ inviteCode: 'LJ2026', householdId: `${C}:b4-2-401`, nickname: name }) },
    { action: 'me.updateProfile', caller: 'demo-resident', payload: (nickname) => ({ nickname }) },
    { action: 'me.setContact', caller: 'demo-resident', payload: (realName) => ({ realName, phone: null }) },
    { action: 'community.building.save', caller: 'demo-admin', payload: (name) => ({ name, units: 1, floors: 2, roomsPerFloor: 2 }) },
    { action: 'community.settings.update', caller: 'demo-admin', payload: (name) => ({ name }) },
    { action: 'community.settings.update', caller: 'demo-admin', payload: (street) => ({ street }) },
  ]

  it('a name needs a visible character: invisible and direction-changing characters are refused, changing nothing; real names pass', async () => {
    const problems: string[] = []
    for (const f of fields) {
      for (const [i, name] of INVISIBLE.entries()) {
        t.emulator.resetStats()
        const res = await t.call(typeof f.caller === 'string' ? f.caller : f.caller(i), f.action as never, f.payload(name) as never, C)
        const writes = dataWrites(t)
        if (res.ok || res.error.code !== 'INVALID_ARGUMENT' || !/[\u4e00-\u9fa5]/.test(res.error.message)) {
          problems.push(`${f.action} ${JSON.stringify(f.payload(name))}: ${res.ok ? 'accepted' : `${res.error.code} ${res.error.message}`}`)
        }
        if (writes) problems.push(`${f.action} ${JSON.stringify(name)}: wrote ${writes} time(s)`)
      }
    }
    expect(problems).toEqual([])
    // Names people really use stay accepted: emoji (joined ones too), Latin letters, a middle dot.
    for (const nickname of ['小周😀', '👨‍👩‍👧 一家人', 'Anna 林', '阿依·买买提', '老王❤️']) {
      expect(await t.call('demo-resident', 'me.updateProfile', { nickname }, C)).toMatchObject({ ok: true, data: { nickname } })
    }
  })
})
