import { z } from 'zod'
import { chinaStamp, sheet, type Column } from '../../../platform/export'
import { getTask, listTasks } from '../../council/tasks'
import { allPages, eachDetail, exportKind, runAs, yesNo, yuan } from '../kind'

type Row = Awaited<ReturnType<typeof listTasks.run>>['items'][number]
type Expense = Awaited<ReturnType<typeof getTask.run>>['expenses'][number] & { title: string }

const columns: Array<Column<Row>> = [
  { header: '序号', width: 6, value: (_r, i) => i + 1 },
  { header: '办事项目', width: 30, value: (r) => r.title },
  { header: '负责人（打码）', width: 14, value: (r) => r.ownerName, personal: 'name' },
  { header: '分级', width: 22, value: (r) => r.tierLabel },
  { header: '截止日期', width: 18, value: (r) => chinaStamp(r.deadline) },
  { header: '状态', width: 8, value: (r) => (r.status === 'done' ? '已办结' : '办理中') },
  { header: '进度（%）', width: 10, value: (r) => r.progress },
  { header: '民生小实事', width: 10, value: (r) => yesNo(r.project) },
  { header: '预算（元）', width: 10, value: (r) => (r.project ? yuan(r.budgetFen) : null) },
  { header: '已支出（元）', width: 12, value: (r) => (r.project ? yuan(r.spentFen) : null) },
  { header: '满意率（%）', width: 10, value: (r) => r.satisfactionRate },
]

const expenseColumns: Array<Column<Expense>> = [
  { header: '办事项目', width: 30, value: (e) => e.title },
  { header: '支出事项', width: 30, value: (e) => e.item },
  { header: '金额（元）', width: 12, value: (e) => yuan(e.amountFen) },
  { header: '记录时间', width: 18, value: (e) => chinaStamp(e.createdAt) },
]

export const tasksExport = exportKind({
  kind: 'tasks',
  label: '办事项目',
  roles: ['committee', 'admin'],
  filters: z.strictObject({ status: z.enum(['open', 'done']).default('open') }),
  async build(ctx, filters) {
    const rows = await allPages(ctx, listTasks, filters)
    const details = await eachDetail(rows.filter((r) => r.project), (r) => runAs(ctx, getTask, { taskId: r.id }))
    const lines = details.flatMap(({ row, detail }) => detail.expenses.map((e) => ({ ...e, title: row.title })))
    return {
      sheets: [sheet({ name: '办事项目', columns, rows }), sheet({ name: '支出明细', columns: expenseColumns, rows: lines })],
      target: { collection: 'tasks', id: ctx.db.communityId },
    }
  },
})
