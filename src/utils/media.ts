import Taro from '@tarojs/taro'

/**
 * Lets the person pick one photo from the album or take one; resolves with its
 * temp path (a blob: URL in H5), or null when they change their mind.
 */
export async function chooseOnePhoto(): Promise<string | null> {
  try {
    // chooseMedia is WeChat's current picker; H5 only implements chooseImage.
    if (process.env.TARO_ENV === 'weapp') {
      const res = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] })
      return res.tempFiles[0]?.tempFilePath ?? null
    }
    const res = await Taro.chooseImage({ count: 1, sourceType: ['album', 'camera'], sizeType: ['compressed'] })
    return res.tempFilePaths[0] ?? null
  } catch (error) {
    const message = (error as { errMsg?: string } | null)?.errMsg ?? ''
    if (message.includes('cancel')) return null
    throw new Error('无法选择图片，请检查相册和相机权限')
  }
}

/** Up to `count` photos from the album or camera; their temp paths, or [] when the person changes their mind. */
export async function choosePhotos(count: number): Promise<string[]> {
  if (count <= 0) return []
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const res = await Taro.chooseMedia({ count, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] })
      return res.tempFiles.map((f) => f.tempFilePath)
    }
    const res = await Taro.chooseImage({ count, sourceType: ['album', 'camera'], sizeType: ['compressed'] })
    return res.tempFilePaths.slice(0, count)
  } catch (error) {
    const message = (error as { errMsg?: string } | null)?.errMsg ?? ''
    if (message.includes('cancel')) return []
    throw new Error('无法选择图片，请检查相册和相机权限')
  }
}
