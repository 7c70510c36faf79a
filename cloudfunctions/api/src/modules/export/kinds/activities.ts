import { z } from 'zod'
import { chinaStamp, sheet, type Column } from '../../../platform/export'
import { ACTIVITY_CATEGORIES, activityCategoryLabel, consentLabel } from '../../../platform/labels'
import { id } from '../../../platform/validation'
import type { Activity } from '../../activity/model'
import { registrationRows, type RegistrationRow } from '../../activity/organise'
import { organisedActivity } from '../../activity/rules'
import { listActivities } from '../../activity/signup'
import { allPages, eachDetail, exportKind } from '../kind'

type Row = Awaited<ReturnType<typeof listActivities.run>>['items'][number]

const STATUS_WORDS: Record<string, string> = {
  registered: '报名成功',
  offered: '待确认',
  waitlisted: '候补',
  cancelled: '已取消',
  removed: '被组织者取消',
  expired: '未确认（已过期）',
  activityCancelled: '活动取消',
}
const METHOD_WORDS: Record<string, string> = { scan: '扫码', organiser: '组织者扫码', manual: '手工登记' }

/** The registration columns every activity shares; an activity's own sign-up fields go between (phones there come masked). */
function registrationColumns(fields: Activity['fields']): Array<Column<RegistrationRow>> {
  return [
    { header: '序号', width: 6, value: (_r, i) => i + 1 },
    { header: '姓名（打码）', width: 12, value: (r) => r.name, personal: 'name' },
    { header: '楼栋/房号', width: 18, value: (r) => r.household },
    { header: '报名时间', width: 18, value: (r) => chinaStamp(r.signedUpAt) },
    { header: '状态', width: 12, value: (r) => (r.status === 'waitlisted' && r.position ? `候补第 ${r.position} 位` : (STATUS_WORDS[r.status] ?? r.status)) },
    { header: '同行人数', width: 10, value: (r) => r.companions },
    ...fields.map((f, k): Column<RegistrationRow> => ({ header: f.label, width: Math.max(10, f.label.length * 2 + 2), value: (r) => r.answers[k]?.value ?? '' })),
    { header: '签到时间', width: 18, value: (r) => chinaStamp(r.checkedInAt) },
    { header: '签到方式', width: 12, value: (r) => (r.checkinMethod ? (METHOD_WORDS[r.checkinMethod] ?? r.checkinMethod) : '') },
    { header: '候补转正时间', width: 18, value: (r) => chinaStamp(r.promotedAt) },
    { header: '取消时间', width: 18, value: (r) => chinaStamp(r.cancelledAt) },
    { header: '取消原因', width: 20, value: (r) => r.cancelReason },
    { header: '代报名人', width: 12, value: (r) => (r.proxy ? r.proxy.by : ''), personal: 'name' },
    { header: '代报名同意方式', width: 14, value: (r) => (r.proxy ? consentLabel(r.proxy.method) : '') },
    { header: '未签到', width: 8, value: (r) => (r.status === 'registered' && !r.checkedInAt ? '是' : '') },
  ]
}

const PHASE_WORDS: Record<string, string> = { draft: '草稿', cancelled: '已取消', notOpen: '未开始报名', open: '报名中', closed: '报名截止', ongoing: '进行中', ended: '已结束' }

const columns: Array<Column<Row>> = [
  { header: '序号', width: 6, value: (_r, i) => i + 1 },
  { header: '活动', width: 30, value: (r) => r.title },
  { header: '类别', width: 10, value: (r) => activityCategoryLabel(r.category) },
  { header: '地点', width: 20, value: (r) => r.place },
  { header: '开始时间', width: 18, value: (r) => chinaStamp(r.startAt) },
  { header: '结束时间', width: 18, value: (r) => chinaStamp(r.endAt) },
  { header: '报名截止', width: 18, value: (r) => chinaStamp(r.signupEndAt) },
  { header: '名额', width: 8, value: (r) => r.capacity },
  { header: '已报名', width: 8, value: (r) => r.seatsTaken },
  { header: '候补人数', width: 10, value: (r) => r.waitingCount },
  { header: '组织方', width: 14, value: (r) => r.organiser },
  { header: '状态', width: 10, value: (r) => PHASE_WORDS[r.phase] ?? r.phase },
]

type Registration = RegistrationRow & { title: string }

/** Across activities the sign-up fields differ, so the shared sheet keeps the common columns and names the activity. */
const allRegistrationColumns: Array<Column<Registration>> = [
  { header: '活动', width: 30, value: (r) => r.title },
  ...(registrationColumns([]).slice(1) as Array<Column<Registration>>),
]

export const activitiesExport = exportKind({
  kind: 'activities',
  label: '活动报名',
  roles: ['committee', 'admin'],
  filters: z.strictObject({
    when: z.enum(['upcoming', 'past']).default('past'),
    category: z.enum(ACTIVITY_CATEGORIES).optional(),
    /** one activity's registrations and attendance, with its own sign-up fields (what activity.export hands its organisers) */
    activityId: id.optional(),
  }),
  async build(ctx, { activityId, ...filters }) {
    if (activityId) {
      const a = await organisedActivity(ctx, activityId)
      const rows = await registrationRows(ctx, a, 20000)
      return { sheets: [sheet({ name: a.title, columns: registrationColumns(a.fields), rows })], target: { collection: 'activities', id: a._id } }
    }
    const rows = await allPages(ctx, listActivities, filters)
    const details = await eachDetail(rows, async (r) => registrationRows(ctx, await organisedActivity(ctx, r.id), 2000))
    const registrations = details.flatMap(({ row, detail }) => detail.map((reg) => ({ ...reg, title: row.title })))
    return {
      sheets: [sheet({ name: '活动', columns, rows }), sheet({ name: '报名与签到', columns: allRegistrationColumns, rows: registrations })],
      target: { collection: 'activities', id: ctx.db.communityId },
    }
  },
})
