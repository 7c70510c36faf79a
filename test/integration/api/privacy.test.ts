/**
 * No response to a caller outside the committee contains another person's openid,
 * phone or unmasked real name — across every action such a caller may call.
 */
import { allActions } from '../../../cloudfunctions/api/src/registry'
import { DEMO_COMMUNITY, PERSONAS, neighbours } from '../../../local/seed/data'
import { startTestApi, type TestApi } from '../../helpers/api'
import { SAMPLES } from '../../helpers/samples'

const ALL_ACTIONS = allActions()

// Every action by every person: minutes on a busy machine.
jest.setTimeout(180_000)

const C = DEMO_COMMUNITY._id
const EVERYONE = [...PERSONAS.map((p) => p.openid), ...neighbours().map((n) => n.openid)]
const NOT_COMMITTEE = ['demo-resident', 'demo-newcomer', 'demo-volunteer', 'demo-lead', 'demo-lead3', 'demo-street', 'demo-visitor', 'demo-other']
/** Actions whose effect would end the caller's session for the rest of the scan; they are scanned last. */
const LAST = ['me.leave', 'me.delete']

let t: TestApi
const secrets = new Map<string, { realName: string; phone: string }>()

beforeAll(async () => {
  t = await startTestApi()
  // Give people distinctive real names and phones, so any leak is unmistakable.
  const people = ['demo-resident', 'demo-newcomer', 'demo-volunteer', 'demo-lead', 'demo-lead3', 'demo-committee', 'demo-admin', ...neighbours().slice(0, 5).map((n) => n.openid)]
  for (const [i, openid] of people.entries()) {
    const secret = { realName: `保密真名${'甲乙丙丁戊己庚辛壬癸子丑'[i]}`, phone: `139000000${String(i).padStart(2, '0')}` }
    await t.ok(openid, 'me.setContact', secret, C)
    secrets.set(openid, secret)
  }
})
afterAll(() => t.close())

function leaks(caller: string, body: string): string[] {
  const found: string[] = []
  for (const openid of EVERYONE) if (openid !== caller && body.includes(openid)) found.push(`openid ${openid}`)
  for (const [owner, s] of secrets) {
    if (owner === caller) continue
    if (body.includes(s.phone)) found.push(`phone of ${owner}`)
    if (body.includes(s.realName)) found.push(`real name of ${owner}`)
  }
  return found
}

it('no response to a non-committee caller carries another person’s openid, phone or real name', async () => {
  const problems: string[] = []
  const actions = [...ALL_ACTIONS].sort((a, b) => Number(LAST.includes(a.name)) - Number(LAST.includes(b.name)))
  let scanned = 0
  for (const action of actions) {
    for (const caller of NOT_COMMITTEE) {
      const res = await t.call(caller, action.name as never, SAMPLES[action.name] as never, C)
      if (!res.ok) continue
      scanned++
      for (const leak of leaks(caller, JSON.stringify(res.data))) problems.push(`${action.name} as ${caller}: ${leak}`)
    }
  }
  expect(problems).toEqual([])
  expect(scanned).toBeGreaterThan(40)
})

it('the committee does see contact details, so the scan above would notice them', async () => {
  const body = JSON.stringify(await t.ok('demo-committee', 'member.list', {}, C))
  expect(leaks('demo-committee', body)).toEqual(expect.arrayContaining(['phone of demo-admin', 'real name of demo-admin']))
})
