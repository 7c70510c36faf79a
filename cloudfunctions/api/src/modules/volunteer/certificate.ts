/**
 * 志愿服务记录证明: a PDF of the volunteer's credited records, issued by the
 * community (the 居委会 records the service), numbered, with a verification code
 * anyone can check.
 *
 * Verification is scoped to one community: a certificate is looked up only among
 * the certificates of the community named in the request (`communityId` in the
 * input), or else of the caller's own community. So a code issued by another
 * community never verifies here, and a checker outside the app names the
 * community printed on the certificate. The code is 60 random bits, so it cannot
 * be guessed; what a check shows (masked name and number, hours, issuer, date) is
 * what the certificate itself prints.
 */
import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { action } from '../../platform/action'
import { payOwedCredits } from '../../platform/checkin'
import { invalid, notFound, precondition } from '../../platform/errors'
import { maskName } from '../../platform/privacy'
import type { Membership } from '../../platform/roles'
import { id, machineText } from '../../platform/validation'
import { CERTIFICATES, certificateId, COUNTERS, hours, memberKey, TOTALS, totalsId, VOLUNTEERS, volunteerId, type Certificate, type Totals, type Volunteer } from './model'
import { serviceRecords } from './records'

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
/** 12 characters of a 32-letter alphabet without look-alikes (no I, O, 0, 1): 60 bits. */
export function newVerificationCode(): string {
  const bytes = randomBytes(12)
  return [...bytes].map((b) => CODE_ALPHABET[b % 32]).join('')
}
/** As people type it: any case, with or without the dashes and spaces printed between groups. */
export const normaliseCode = (raw: string) => raw.toUpperCase().replace(/[\s-]/g, '')
const printedCode = (code: string) => code.match(/.{1,4}/g)!.join('-')

const chinaDate = (d: Date) => {
  const t = new Date(d.getTime() + 8 * 3_600_000)
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日`
}

export const organisationOf = (communityName: string) => `${communityName}居民委员会`

const counterId = (communityId: string, year: number) => `${communityId}:certificates-${year}`

export const issueCertificate = action({
  name: 'volunteer.certificate',
  summary: '出具《志愿服务记录证明》（志愿者本人，免费）：PDF 载明姓名、打码的身份证号、志愿者编号、服务时长和每条服务记录、记录单位、负责人（社区设置）和经办人（审核其志愿者登记的居委会成员）、证明编号、出具日期和查验码',
  roles: ['resident'],
  input: z.strictObject({}),
  async run(ctx) {
    const { db, member, clock, directory, storage } = ctx
    const me = member.membership._id
    const now = clock.now()
    await payOwedCredits(db, { memberId: me }, () => ctx.settings)
    const [v, totals, community, records, settings] = await Promise.all([
      db.collection<Volunteer>(VOLUNTEERS).get(volunteerId(me)),
      db.collection<Totals>(TOTALS).get(totalsId(me)),
      directory.community(db.communityId),
      serviceRecords(db, me, now),
      ctx.settings,
    ])
    if (!v || v.status !== 'approved' || !v.number) throw precondition('出具证明需要先登记为志愿者（实名信息用于证明），请先申请成为志愿者')
    // The certificate is issued on request with no one at the desk: the 经办人 is the
    // committee member who approved the registration it rests on, by real name (an
    // official signs as themselves; a nickname is no signature), or a blank line.
    const approver = v.decidedBy ? await db.collection<Membership>('memberships').get(v.decidedBy) : null
    const head = settings.certificateHead
    const handler = approver?.realName ?? null
    const credited = records.filter((r) => r.creditedMinutes > 0).sort((a, b) => a.startAt.localeCompare(b.startAt))
    const organisation = organisationOf(community?.name ?? '本社区')
    const code = newVerificationCode()
    const year = Number(chinaDate(now).slice(0, 4))
    const certId = certificateId(db.communityId, code)
    const cert: Pick<Certificate, 'memberId' | 'number' | 'code' | 'realName' | 'idMasked' | 'volunteerNumber' | 'creditedMinutes' | 'honourMinutes' | 'records' | 'organisation' | 'head' | 'handler' | 'fileID' | 'issuedAt'> = {
      memberId: me,
      number: '',
      code,
      realName: v.realName,
      idMasked: v.idMasked,
      volunteerNumber: v.number,
      creditedMinutes: totals?.creditedMinutes ?? 0,
      honourMinutes: totals?.honourMinutes ?? 0,
      records: credited.map((r) => ({ shiftId: r.shiftId, project: r.project, date: r.date, place: r.place, content: r.content, minutes: r.creditedMinutes })),
      organisation,
      head,
      handler,
      fileID: null,
      issuedAt: now,
    }
    // The number and the record of what was issued land together: two issues at once write the one counter and never share a number.
    const number = await db.transaction(async (tx) => {
      const cid = counterId(db.communityId, year)
      const counter = await tx.get<{ _id: string; communityId: string; next: number }>(COUNTERS, cid)
      const seq = counter?.next ?? 1
      const n = `ZM${year}${String(seq).padStart(6, '0')}`
      await tx.set(COUNTERS, cid, { next: seq + 1 })
      await tx.set(CERTIFICATES, certId, { ...cert, number: n })
      return n
    })
    const { renderCertificate } = await import('./pdf')
    const pdf = await renderCertificate({
      title: '志愿服务记录证明',
      realName: v.realName,
      idMasked: v.idMasked,
      volunteerNumber: v.number,
      creditedHours: hours(cert.creditedMinutes),
      honourHours: hours(cert.honourMinutes),
      records: cert.records.map((r) => ({ date: r.date, project: r.project, place: r.place, content: r.content, hours: hours(r.minutes) })),
      organisation,
      head,
      handler,
      number,
      issuedOn: chinaDate(now),
      code: printedCode(code),
      verifyHint: `查验方法：在「厝边议事厅」小程序中进入${community?.name ?? '本社区'}（社区编号 ${db.communityId}）的「志愿服务 → 证明查验」，输入查验码；或向记录单位核实。`,
    })
    const fileID = await storage.upload(`certificates/${db.communityId}/${memberKey(me)}/${number}.pdf`, pdf)
    await db.collection(CERTIFICATES).update(certId, { fileID })
    const url = (await storage.downloadUrls([fileID])).get(fileID) ?? null
    return { fileID, url, code: printedCode(code), number, issuedAt: now.toISOString(), creditedHours: hours(cert.creditedMinutes), records: cert.records.length }
  },
})

const codeInput = z.string().min(12).max(20)
machineText.add(codeInput, { why: '证明上的查验码，只用于查找，不保存' })

export const verifyCertificate = action({
  name: 'volunteer.certificate.verify',
  summary: '查验《志愿服务记录证明》（任何人）：输入证明上的查验码，在证明所属社区（communityId，默认为我所在的社区）中核对，返回证明编号、打码的姓名和身份证号、志愿者编号、服务时长、记录条数、记录单位和出具日期；查验码不对或属于其他社区时答「未找到」',
  roles: ['public'],
  input: z.strictObject({ code: codeInput, communityId: id.optional() }),
  async run({ input, caller, directory }) {
    const communityId = input.communityId ?? caller.communityId
    if (!communityId) throw invalid('请说明证明所属的社区（证明上印有社区编号）')
    const code = normaliseCode(input.code)
    if (!/^[A-HJ-NP-Z2-9]{12}$/.test(code)) throw invalid('查验码格式不对，请核对证明上的查验码（12 位字母和数字）')
    const db = directory.inCommunity(communityId)
    const cert = await db.collection<Certificate>(CERTIFICATES).get(certificateId(communityId, code))
    if (!cert) throw notFound('查验未通过：没有找到这份证明（查验码不对，或证明不是这个社区出具的）')
    return {
      valid: true as const,
      certificate: {
        number: cert.number,
        name: maskName(cert.realName),
        idMasked: cert.idMasked,
        volunteerNumber: cert.volunteerNumber,
        creditedHours: hours(cert.creditedMinutes),
        honourHours: hours(cert.honourMinutes),
        records: cert.records.length,
        organisation: cert.organisation,
        issuedAt: new Date(cert.issuedAt).toISOString(),
      },
    }
  },
})
