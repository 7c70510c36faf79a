import { ApiError, UPLOAD_FAILED_MESSAGE } from './errors'

/** Folders under `uploads/` the app writes to; the gateway and storage rules expect these. */
export type UploadFolder = 'avatars' | 'issues' | 'tasks' | 'objections'

type Put = (filePath: string, cloudPath: string) => Promise<string>

// One expression on TARO_ENV, like the api transports, so webpack drops the unused
// arm: no Taro.cloud in H5, no fetch to the dev gateway in the mini-program. (The
// transports are not named upload.h5.ts / upload.weapp.ts: Taro would resolve
// './upload' itself to upload.h5.ts in the H5 build.)
const put: Put =
  process.env.TARO_ENV === 'h5'
    ? (require('./storage.h5') as typeof import('./storage.h5')).put
    : (require('./storage.weapp') as typeof import('./storage.weapp')).put

function randomName(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`
}

/**
 * Puts a picture the person chose (a temp path in WeChat, a blob: URL in H5) into
 * cloud storage and returns its fileID (`cloud://…`), which actions then carry.
 */
export async function uploadImage(tempFilePath: string, folder: UploadFolder): Promise<string> {
  const cloudPath = `uploads/${folder}/${randomName()}.jpg`
  try {
    return await put(tempFilePath, cloudPath)
  } catch (error) {
    throw error instanceof ApiError ? error : new ApiError('NETWORK', UPLOAD_FAILED_MESSAGE)
  }
}
