import { uploadPrefix } from '../../cloudfunctions/api/src/platform/files'
import { currentCommunityId, currentMemberId } from './community'
import { ApiError, UPLOAD_FAILED_MESSAGE } from './errors'
import { loadMe } from './me'

/** Folders inside the member's own place in storage (`uploads/<community>/<member>/<folder>/…`). */
export type UploadFolder = 'avatars' | 'issues' | 'tasks' | 'objections' | 'mall' | 'wishes' | 'awards' | 'activities' | 'ballots'

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
 * The caller's own place in storage, the only one the server accepts files from
 * (platform/files.ts). Asks `me.get` when the membership is not known yet, e.g.
 * right after joining or switching community.
 */
async function myPlace(): Promise<string> {
  let communityId = currentCommunityId()
  let memberId = currentMemberId()
  if (!communityId || !memberId) {
    const me = await loadMe()
    communityId = me?.current?.communityId
    memberId = me?.current?.memberId
  }
  if (!communityId || !memberId) throw new ApiError('FAILED_PRECONDITION', '请先加入社区，再上传图片')
  return uploadPrefix(communityId, memberId)
}

/**
 * Puts a picture the person chose (a temp path in WeChat, a blob: URL in H5) into
 * their own place in cloud storage and returns its fileID (`cloud://…`), which
 * actions then carry.
 */
export async function uploadImage(tempFilePath: string, folder: UploadFolder): Promise<string> {
  const cloudPath = `${await myPlace()}${folder}/${randomName()}.jpg`
  try {
    return await put(tempFilePath, cloudPath)
  } catch (error) {
    throw error instanceof ApiError ? error : new ApiError('NETWORK', UPLOAD_FAILED_MESSAGE)
  }
}
