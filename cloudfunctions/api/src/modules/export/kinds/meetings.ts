import { z } from 'zod'
import { chinaStamp, sheet, type Column } from '../../../platform/export'
import { listMeetings, meetingRegistrants } from '../../council/meetings'
import { allPages, eachDetail, exportKind, runAs, yesNo } from '../kind'

type Row = Awaited<ReturnType<typeof listMeetings.run>>['items'][number]
type Seat = Awaited<ReturnType<typeof meetingRegistrants.run>>['items'][number] & { title: string }

const STATUS: Record<string, string> = { scheduled: '已安排', held: '已召开', cancelled: '已取消' }

const columns: Array<Column<Row>> = [
  { header: '序号', width: 6, value: (_r, i) => i + 1 },
  { header: '议事会', width: 30, value: (r) => r.title },
  { header: '开始时间', width: 18, value: (r) => chinaStamp(r.startAt) },
  { header: '结束时间', width: 18, value: (r) => chinaStamp(r.endAt) },
  { header: '地点', width: 20, value: (r) => r.place },
  { header: '名额', width: 8, value: (r) => r.capacity },
  { header: '报名人数', width: 10, value: (r) => r.registered },
  { header: '到场人数', width: 10, value: (r) => r.attended },
  { header: '议题数', width: 8, value: (r) => r.topics },
  { header: '状态', width: 10, value: (r) => STATUS[r.status] ?? r.status },
  { header: '已有纪要', width: 10, value: (r) => yesNo(r.hasMinutes) },
]

const attendanceColumns: Array<Column<Seat>> = [
  { header: '议事会', width: 30, value: (s) => s.title },
  { header: '姓名（打码）', width: 12, value: (s) => s.name, personal: 'name' },
  { header: '楼栋/房号', width: 18, value: (s) => s.household },
  { header: '报名时间', width: 18, value: (s) => chinaStamp(s.registeredAt) },
  { header: '到场', width: 8, value: (s) => yesNo(s.attended) },
]

export const meetingsExport = exportKind({
  kind: 'meetings',
  label: '议事会',
  roles: ['committee', 'admin'],
  filters: z.strictObject({ when: z.enum(['upcoming', 'past']).default('past') }),
  async build(ctx, filters) {
    const rows = await allPages(ctx, listMeetings, filters)
    const details = await eachDetail(rows, (r) => runAs(ctx, meetingRegistrants, { meetingId: r.id, limit: 500 }))
    const seats = details.flatMap(({ row, detail }) => detail.items.map((s) => ({ ...s, title: row.title })))
    return {
      sheets: [sheet({ name: '议事会', columns, rows }), sheet({ name: '出席', columns: attendanceColumns, rows: seats })],
      target: { collection: 'meetings', id: ctx.db.communityId },
    }
  },
})
