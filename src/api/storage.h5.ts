import { ApiError, UPLOAD_FAILED_MESSAGE } from './errors'
import { goToDevLogin, personaOpenid } from './persona'

/**
 * The local gateway stands in for wx.cloud.uploadFile: the raw bytes go to
 * POST /dev/upload as the chosen persona, and it answers with the fileID the
 * emulator's storage gave them. Like CloudBase's storage rules, it takes files only
 * into that person's own place.
 */
export async function put(filePath: string, cloudPath: string): Promise<string> {
  const openid = personaOpenid()
  if (!openid) {
    goToDevLogin()
    throw new ApiError('UNAUTHENTICATED', '请先选择一个演示身份')
  }
  // Taro.chooseImage in H5 hands out a blob: URL for the picked file.
  const blob = await (await fetch(filePath)).blob()
  const res = await fetch(`/dev/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
    method: 'POST',
    headers: { 'content-type': blob.type || 'application/octet-stream', 'X-Dev-Openid': openid },
    body: blob,
  })
  const body = (await res.json().catch(() => null)) as { fileID?: string; error?: { message?: string } } | null
  if (!res.ok || !body?.fileID) throw new ApiError('INVALID_ARGUMENT', body?.error?.message || UPLOAD_FAILED_MESSAGE)
  return body.fileID
}
