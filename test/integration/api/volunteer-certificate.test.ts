/**
 * 志愿服务记录证明: a PDF that opens, whose embedded Chinese text (read back with
 * unpdf) carries what the 办法 requires — name, masked identity number, volunteer
 * number, total hours and every record with its hours, the recording
 * organisation, 负责人 and 经办人, certificate number, date of issue and a
 * verification code — and never claims the national system's certification. The
 * code verifies in the issuing community, and nowhere else.
 */
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { OTHER_COMMUNITY } from '../../../local/seed/data'
import { startTestApi, type TestApi } from '../../helpers/api'
import { pdfText } from '../../helpers/pdf'
import { C, idNumber, LEAD, MINUTE, shift, teamWithShift } from '../../helpers/volunteer'

jest.setTimeout(120_000)

let t: TestApi
beforeAll(async () => {
  t = await startTestApi()
})
afterAll(() => t.close())

const V = 'demo-resident'
const ID = idNumber('35020319880808567')
const code = async (shiftId: string, direction: 'in' | 'out' = 'in') => (await t.ok(LEAD, 'checkin.token', { kind: 'shift', eventId: shiftId, direction }, C)).token

async function serve(shiftId: string, minutes: number) {
  const s = await t.ok(LEAD, 'volunteer.shift.get', { shiftId }, C)
  t.clock.set(s.startAt)
  await t.ok(V, 'checkin.scan', { token: await code(shiftId) }, C)
  t.clock.advance(minutes * MINUTE)
  await t.ok(V, 'checkin.scan', { token: await code(shiftId, 'out') }, C)
}

let issued: { fileID: string; url: string | null; code: string; number: string }
let text: string
let pages: number

beforeAll(async () => {
  expect(await t.call(V, 'volunteer.certificate', {}, C)).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('申请成为志愿者') } })
  await t.ok(V, 'volunteer.apply', { realName: '林秀华', idNumber: ID, skills: ['急救'], categories: ['elderly'], consent: true }, C)
  await t.ok('demo-committee', 'volunteer.application.decide', { memberId: membershipId(C, V), approve: true }, C)
  await t.ok('demo-admin', 'community.settings.update', { settings: { certificateHead: '王海燕' } }, C)
  const { projectId, shiftId } = await teamWithShift(t)
  const second = await shift(t, projectId, { startInMinutes: 3 * 24 * 60, lengthMinutes: 180, place: '3号楼架空层' })
  await serve(shiftId, 90)
  await serve(second, 150)
  issued = await t.ok(V, 'volunteer.certificate', {}, C)
  const pdf = Buffer.from(await (await fetch(issued.url!)).arrayBuffer())
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
  const read = await pdfText(pdf)
  pages = read.pages
  text = read.text.replace(/\s+/g, ' ')
})

it('opens as a PDF whose text holds the volunteer, the hours and every record', () => {
  expect(pages).toBeGreaterThanOrEqual(1)
  for (const needed of ['志愿服务记录证明', '林秀华', `3502**********${ID.slice(-4)}`, 'ZY000007', '4 小时', '关爱独居老人', '鹭江社区服务中心', '3号楼架空层', '上门探访、陪伴聊天', '1.5', '2.5']) {
    expect(text).toContain(needed)
  }
  expect(text).not.toContain(ID)
})

it('names the recording organisation, 负责人 and 经办人, its number, date of issue and code, and is not labelled as the national system’s', () => {
  // 负责人 as the admin set it; 经办人 the committee member (郑建国) who approved the registration.
  for (const needed of ['记录单位：鹭江社区居民委员会', '负责人：王海燕', '经办人：郑建国', `证明编号：${issued.number}`, '出具日期：2026年11月', `查验码：${issued.code}`]) expect(text).toContain(needed)
  expect(issued.number).toMatch(/^ZM2026\d{6}$/)
  expect(text).toContain('不是全国志愿服务信息系统出具或认证')
})

it('verifies its code in the issuing community — for a member, or anyone naming the community — and not from another community', async () => {
  const here = await t.ok('demo-resident', 'volunteer.certificate.verify', { code: issued.code }, C)
  expect(here).toMatchObject({ valid: true, certificate: { number: issued.number, name: '林*华', volunteerNumber: 'ZY000007', creditedHours: 4, records: 2, organisation: '鹭江社区居民委员会' } })
  expect(await t.ok(null, 'volunteer.certificate.verify', { code: issued.code.toLowerCase().replace(/-/g, ' '), communityId: C })).toMatchObject({ valid: true })
  const notFound = { ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('查验未通过') } }
  expect(await t.call('demo-other', 'volunteer.certificate.verify', { code: issued.code }, OTHER_COMMUNITY._id)).toMatchObject(notFound)
  expect(await t.call(null, 'volunteer.certificate.verify', { code: issued.code, communityId: OTHER_COMMUNITY._id })).toMatchObject(notFound)
  expect(await t.call(null, 'volunteer.certificate.verify', { code: 'ABCD-EFGH-JKLM', communityId: C })).toMatchObject(notFound)
  expect(await t.call(null, 'volunteer.certificate.verify', { code: 'ABCD-EFGH-JKL0', communityId: C })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  expect(await t.call(null, 'volunteer.certificate.verify', { code: issued.code })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
})

it('numbers each certificate anew and keeps what each said', async () => {
  await t.ok('demo-admin', 'community.settings.update', { settings: { certificateHead: null } }, C)
  const again = await t.ok(V, 'volunteer.certificate', {}, C)
  // With no 负责人 set, the line is left blank for a signature.
  const againText = (await pdfText(Buffer.from(await (await fetch(again.url!)).arrayBuffer()))).text.replace(/\s+/g, ' ')
  expect(againText).toContain('负责人（签字）：')
  expect(againText).not.toContain('王海燕')
  expect(again.number).not.toBe(issued.number)
  expect(again.code).not.toBe(issued.code)
  expect(await t.ok(null, 'volunteer.certificate.verify', { code: issued.code, communityId: C })).toMatchObject({ valid: true, certificate: { number: issued.number } })
})
