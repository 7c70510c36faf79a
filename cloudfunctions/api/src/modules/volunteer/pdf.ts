/**
 * The 志愿服务记录证明 as a PDF (pdfkit), Chinese text embedded as a subset of a
 * CJK font. Loaded only when a certificate is issued (certificate.ts imports it
 * lazily, and the api bundle builds it as a file of its own), so the function's
 * cold start does not parse pdfkit.
 *
 * The font is looked for, in order: `CERT_FONT_PATH` (with `CERT_FONT_FAMILY`,
 * the PostScript name, for a .ttc collection); the font `npm run deploy` puts
 * beside the function (fonts/cert-font.json names it, build.ts
 * bundleCertificateFont); the Noto CJK fonts Debian's fonts-noto-cjk installs (CI
 * installs them, .ci/run). Without one, no certificate is issued: a PDF whose
 * Chinese cannot be rendered would be worse than a clear refusal.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import PDFDocument from 'pdfkit'
import { precondition } from '../../platform/errors'

export interface CertificateContent {
  title: string
  realName: string
  idMasked: string
  volunteerNumber: string
  creditedHours: number
  honourHours: number
  records: Array<{ date: string; project: string; place: string; content: string; hours: number }>
  organisation: string
  /** 负责人 and 经办人 by name, as the organisation set them; null: a blank line to sign on */
  head: string | null
  handler: string | null
  number: string
  /** China date, e.g. 2026年11月23日 */
  issuedOn: string
  code: string
  /** how to check the code, one sentence */
  verifyHint: string
}

export interface FontChoice {
  path: string
  family?: string
}

export const SYSTEM_FONTS: FontChoice[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', family: 'NotoSerifCJKsc-Regular' },
  { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
]

/** What fonts/cert-font.json beside the function says: the file (in that folder) and, for a collection, the face. */
export interface ShippedFont {
  file: string
  family?: string
}

export function findFont(env: Record<string, string | undefined> = process.env, dirs: string[] = [__dirname, join(__dirname, '../../..')]): FontChoice | null {
  if (env.CERT_FONT_PATH) return existsSync(env.CERT_FONT_PATH) ? { path: env.CERT_FONT_PATH, family: env.CERT_FONT_FAMILY || undefined } : null
  for (const dir of dirs) {
    const described = join(dir, 'fonts', 'cert-font.json')
    if (!existsSync(described)) continue
    const shipped = JSON.parse(readFileSync(described, 'utf8')) as ShippedFont
    const path = join(dir, 'fonts', shipped.file)
    if (existsSync(path)) return { path, family: shipped.family }
  }
  return SYSTEM_FONTS.find((f) => existsSync(f.path)) ?? null
}

let fontBytes: { choice: FontChoice; data: Buffer } | undefined

function font(): { choice: FontChoice; data: Buffer } {
  if (fontBytes) return fontBytes
  const choice = findFont()
  if (!choice) throw precondition('出具证明所需的中文字体没有安装，请联系管理员（CERT_FONT_PATH）')
  fontBytes = { choice, data: readFileSync(choice.path) }
  return fontBytes
}

const A4 = { width: 595.28, height: 841.89 }
const MARGIN = 56
const COLUMNS = [
  { label: '序号', width: 32 },
  { label: '日期', width: 70 },
  { label: '服务项目', width: 110 },
  { label: '地点', width: 90 },
  { label: '服务内容', width: 111 },
  { label: '时长（小时）', width: 70 },
]

/** A named official still signs beside their printed name; an unnamed one signs on the blank. */
const signingLine = (role: string, name: string | null) => (name ? `${role}：${name}        签字：____________` : `${role}（签字）：____________`)

const fmt = (h: number) => (Math.round(h * 100) / 100).toFixed(2).replace(/\.?0+$/, '') || '0'

/** Renders the certificate; resolves to the PDF's bytes. */
export function renderCertificate(c: CertificateContent): Promise<Buffer> {
  const { choice, data } = font()
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    // No default font: the standard Helvetica would be loaded for nothing (and it has no Chinese).
    font: null as unknown as string,
    info: { Title: `${c.title} ${c.number}`, Author: c.organisation, Subject: c.title, Creator: '厝边议事厅' },
  })
  if (choice.family) doc.registerFont('cjk', data, choice.family)
  else doc.registerFont('cjk', data)
  doc.font('cjk')
  const chunks: Buffer[] = []
  doc.on('data', (b: Buffer) => chunks.push(b))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  const width = A4.width - 2 * MARGIN
  doc.fontSize(22).text(c.title, { align: 'center' })
  doc.moveDown(0.3)
  doc.fontSize(10).fillColor('#555').text(`证明编号：${c.number}`, { align: 'center' })
  doc.fillColor('#000').moveDown(1.2)

  doc.fontSize(12)
  const body = `兹证明 ${c.realName}（身份证号：${c.idMasked}，志愿者编号：${c.volunteerNumber}）在${c.organisation}登记参加志愿服务，经签到签退记录，累计服务时长 ${fmt(c.creditedHours)} 小时。服务记录如下：`
  doc.text(body, { width, lineGap: 4 })
  doc.moveDown(0.8)

  const drawHeader = () => {
    let x = MARGIN
    const y = doc.y
    doc.fontSize(10)
    for (const col of COLUMNS) {
      doc.rect(x, y, col.width, 22).fillAndStroke('#f2f2f2', '#999')
      doc.fillColor('#000').text(col.label, x + 3, y + 6, { width: col.width - 6, align: 'center' })
      x += col.width
    }
    doc.y = y + 22
  }
  drawHeader()
  c.records.forEach((r, i) => {
    const cells = [String(i + 1), r.date, r.project, r.place, r.content, fmt(r.hours)]
    doc.fontSize(10)
    const height = Math.max(20, ...cells.map((t, k) => doc.heightOfString(t, { width: COLUMNS[k].width - 6 }) + 8))
    if (doc.y + height > A4.height - MARGIN - 40) {
      doc.addPage()
      drawHeader()
    }
    const y = doc.y
    let x = MARGIN
    cells.forEach((t, k) => {
      doc.rect(x, y, COLUMNS[k].width, height).stroke('#999')
      doc.text(t, x + 3, y + 4, { width: COLUMNS[k].width - 6, align: k === 0 || k === 5 ? 'center' : 'left' })
      x += COLUMNS[k].width
    })
    doc.y = y + height
  })
  if (c.records.length === 0) doc.fontSize(10).text('（暂无计入时长的服务记录）', MARGIN, doc.y + 6, { width })
  doc.x = MARGIN
  doc.moveDown(1)

  doc.fontSize(12)
  doc.text(`合计服务时长：${fmt(c.creditedHours)} 小时`, MARGIN, doc.y, { width })
  if (c.honourHours > 0) doc.fontSize(10).fillColor('#555').text(`另有荣誉时长 ${fmt(c.honourHours)} 小时，未计入服务时长。`, { width }).fillColor('#000')
  doc.moveDown(1.5)
  doc.fontSize(12)
  doc.text(`记录单位：${c.organisation}`, { width })
  doc.moveDown(0.6)
  doc.text(signingLine('负责人', c.head), { width })
  doc.moveDown(0.6)
  doc.text(signingLine('经办人', c.handler), { width })
  doc.moveDown(0.6)
  doc.text(`出具日期：${c.issuedOn}`, { width })
  doc.moveDown(1.2)
  doc.fontSize(10).fillColor('#333')
  doc.text(`查验码：${c.code}`, { width })
  doc.text(c.verifyHint, { width, lineGap: 2 })
  doc.moveDown(0.6)
  doc.fillColor('#555').text(
    '说明：本证明由记录单位依据《志愿服务记录与证明出具办法（试行）》，根据志愿服务记录免费、如实出具；服务时长为签到、签退之间的实际服务时间。本证明不是全国志愿服务信息系统出具或认证的证明。如需加盖记录单位印章，请持本证明到记录单位办理。',
    { width, lineGap: 2 },
  )
  doc.end()
  return done
}
