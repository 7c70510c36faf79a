import { z } from 'zod'
import { chinaStamp, sheet, type Column } from '../../../platform/export'
import { recordStatusLabel } from '../../../platform/labels'
import { hours, TOTALS, totalsId, type Totals } from '../../volunteer/model'
import { listApplications } from '../../volunteer/people'
import { serviceRecords, type ServiceRecord } from '../../volunteer/records'
import { eachDetail, exportKind, runAs, yesNo } from '../kind'

type Volunteer = Awaited<ReturnType<typeof listApplications.run>>['items'][number]
interface Row {
  v: Volunteer
  totals: Totals | null
  records: ServiceRecord[]
}
type ServiceRow = ServiceRecord & { v: Volunteer }

/** The committee's volunteer list shows real names (they vetted each applicant); no identity number leaves, even masked. */
const COMMITTEE = ['committee', 'admin'] as const

const columns: Array<Column<Row>> = [
  { header: '序号', width: 6, value: (_r, i) => i + 1 },
  { header: '志愿者编号', width: 12, value: (r) => r.v.number },
  { header: '姓名', width: 10, value: (r) => r.v.realName, personal: 'name', plainFor: COMMITTEE },
  { header: '服务时长（小时）', width: 16, value: (r) => hours(r.totals?.creditedMinutes ?? 0) },
  { header: '荣誉时长（小时）', width: 16, value: (r) => hours(r.totals?.honourMinutes ?? 0) },
  { header: '星级', width: 6, value: (r) => r.totals?.star ?? 0 },
  { header: '服务次数', width: 10, value: (r) => r.records.filter((x) => x.creditedMinutes > 0).length },
  { header: '加入时间', width: 18, value: (r) => chinaStamp(r.v.decidedAt) },
]

const recordColumns: Array<Column<ServiceRow>> = [
  { header: '姓名', width: 10, value: (r) => r.v.realName, personal: 'name', plainFor: COMMITTEE },
  { header: '项目', width: 24, value: (r) => r.project },
  { header: '日期', width: 12, value: (r) => r.date },
  { header: '地点', width: 16, value: (r) => r.place },
  { header: '签到时间', width: 18, value: (r) => chinaStamp(r.checkedInAt || null) },
  { header: '签退时间', width: 18, value: (r) => chinaStamp(r.checkedOutAt) },
  { header: '计入时长（小时）', width: 16, value: (r) => r.creditedHours },
  { header: '荣誉时长（小时）', width: 16, value: (r) => hours(r.honourMinutes) },
  { header: '状态', width: 12, value: (r) => recordStatusLabel(r.status) },
  { header: '已定稿', width: 8, value: (r) => yesNo(r.final) },
]

export const volunteerHoursExport = exportKind({
  kind: 'volunteerHours',
  label: '志愿服务时长',
  roles: ['committee', 'admin'],
  filters: z.strictObject({}),
  async build(ctx) {
    const { items } = await runAs(ctx, listApplications, { status: 'approved', limit: 200 })
    const now = ctx.clock.now()
    const totals = ctx.db.collection<Totals>(TOTALS)
    const rows: Row[] = (
      await eachDetail(items, async (v) => {
        const [t, records] = await Promise.all([totals.get(totalsId(v.memberId)), serviceRecords(ctx.db, v.memberId, now)])
        return { totals: t, records }
      })
    ).map(({ row, detail }) => ({ v: row, ...detail }))
    const records = rows.flatMap((r) => r.records.map((x) => ({ ...x, v: r.v })))
    return {
      sheets: [sheet({ name: '志愿者时长', columns, rows }), sheet({ name: '服务记录', columns: recordColumns, rows: records })],
      target: { collection: 'volunteers', id: ctx.db.communityId },
    }
  },
})
