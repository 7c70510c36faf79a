import { z } from 'zod'
import { sheet } from '../../../platform/export'
import { monthlyReport } from '../../stats/report'
import { exportKind } from '../kind'

/** 月报 for the 街道: the statistics' figures of one month, a sheet per area (modules/stats/report builds them). */
export const monthlyReportExport = exportKind({
  kind: 'monthlyReport',
  label: '月报',
  roles: ['committee', 'admin', 'street'],
  filters: z.strictObject({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM').optional() }),
  async build(ctx, filters) {
    const report = await monthlyReport(ctx, filters.month)
    return { sheets: report.sheets.map((s) => sheet(s)), target: { collection: 'communities', id: ctx.db.communityId } }
  },
})
