/**
 * Bad input to every action — unknown keys, wrong types, overlong strings, a
 * payload that is not an object, ids of another community — gets INVALID_ARGUMENT
 * or NOT_FOUND with a Chinese message, and writes nothing.
 */
import { ALL_ACTIONS } from '../../../cloudfunctions/api/src/registry'
import { DEMO_COMMUNITY, OTHER_COMMUNITY } from '../../../local/seed/data'
import { dataWrites, startTestApi, type TestApi } from '../../helpers/api'
import { SAMPLES } from '../../helpers/samples'

const C = DEMO_COMMUNITY._id
const O = OTHER_COMMUNITY._id

/** Someone allowed to call each action, so that only the input can be at fault. */
const callerFor = (roles: readonly string[]) => (roles.includes('street') && !roles.includes('resident') ? 'demo-street' : roles.includes('public') ? null : 'demo-admin')

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
    const caller = callerFor(action.roles)
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
