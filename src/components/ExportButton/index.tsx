import { Text, View } from '@tarojs/components'
import { useExport, type ExportInput } from '../../hooks/useExport'
import { toastError } from '../../utils/feedback'
import { Button } from '../Button'
import './index.scss'

export interface ExportButtonProps {
  /** the list to export, with the filters the screen shows it under */
  input: ExportInput
  id?: string
  className?: string
}

/** 「导出 Excel」 under a list the committee sees: the file opens on the phone; while it is made the button says so. */
export function ExportButton({ input, id, className }: ExportButtonProps) {
  const exporting = useExport()
  return (
    <View className={className}>
      <Button
        id={id ?? `export-${input.kind}`}
        block
        variant="secondary"
        disabled={exporting.loading}
        onClick={() => void exporting.run(input).catch(toastError)}
      >
        {exporting.loading ? '正在导出…' : '导出 Excel'}
      </Button>
      {exporting.error && <Text className="export-button__error">导出没有成功：{exporting.error.message}</Text>}
    </View>
  )
}
