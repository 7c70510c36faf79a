import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useMemo } from 'react'
import { Button, Card, Page, QueryView } from '../../../components'
import { useQuery } from '../../../hooks'
import { toastError } from '../../../utils/feedback'
import './index.scss'

/** H5 only: hands the JSON to the browser as a file. */
function downloadJson(json: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

export default function ExportPage() {
  const data = useQuery('me.export', {})
  const json = useMemo(() => (data.data ? JSON.stringify(data.data, null, 2) : ''), [data.data])

  const copy = async () => {
    try {
      // WeChat shows its own 内容已复制 toast.
      await Taro.setClipboardData({ data: json })
    } catch {
      toastError({ message: '复制没有成功，请长按文字手动复制' })
    }
  }

  return (
    <Page id="page-export">
      <Card>
        <Text className="export-intro">
          这是我们保存的关于你的全部数据：个人资料，以及你在每个社区的成员信息和认证记录。可以复制保存，或发给需要的人。
        </Text>
      </Card>
      <QueryView query={data} rows={6} loadingText="正在整理你的数据…">
        {(exported) => (
          <>
            <View className="export-actions">
              <Button id="export-copy" onClick={() => void copy()}>
                复制全部
              </Button>
              {process.env.TARO_ENV === 'h5' && (
                <Button
                  id="export-download"
                  variant="secondary"
                  onClick={() => downloadJson(json, `我的数据-${exported.exportedAt.slice(0, 10)}.json`)}
                >
                  下载 JSON 文件
                </Button>
              )}
            </View>
            <View className="export-json">
              <Text id="export-json" selectable userSelect className="export-json__text">
                {json}
              </Text>
            </View>
          </>
        )}
      </QueryView>
    </Page>
  )
}
