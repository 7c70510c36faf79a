import Taro from '@tarojs/taro'

/**
 * Opens an exported spreadsheet from its temporary link: WeChat downloads it and
 * opens it in its document viewer (with 转发 / 用其他应用打开 in the menu); the
 * local H5 build hands it to the browser as a download.
 */
export async function openSpreadsheet(url: string, fileName: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const link = document.createElement('a')
    link.href = url
    link.download = fileName
    document.body.appendChild(link)
    link.click()
    link.remove()
    return
  }
  const { tempFilePath, statusCode } = await Taro.downloadFile({ url })
  if (statusCode !== 200) throw new Error('表格下载没有成功，请稍后重试')
  await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true })
}
