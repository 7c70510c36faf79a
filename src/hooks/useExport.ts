import type { ActionInput } from '../api'
import { openSpreadsheet } from '../utils/spreadsheet'
import { useAction } from './useAction'

export type ExportInput = ActionInput<'export.create'>

/**
 * 导出 Excel for any list: export.create writes the file, then the phone opens it
 * (WeChat's document viewer, or a download in H5). Busy from the request until the
 * file is handed over; a refusal or a failed download is told in a toast.
 */
export function useExport() {
  const exporting = useAction('export.create', { done: '已导出' })
  const run = async (input: ExportInput) => {
    const out = await exporting.run(input)
    if (out) await openSpreadsheet(out.url, out.fileName)
    return out
  }
  return { run, loading: exporting.loading, error: exporting.error }
}
