import Taro from '@tarojs/taro'

/** wx.cloud puts the file straight into the environment's storage. */
export async function put(filePath: string, cloudPath: string): Promise<string> {
  const res = await Taro.cloud.uploadFile({ cloudPath, filePath })
  return res.fileID
}
