import { invalidParam } from '../errors'
import { DOWNLOAD_TTL_SECONDS, FileStorage } from '../storage'
import { type Action } from './context'

/** CloudBase takes at most 50 files per batch call. */
const MAX_BATCH = 50

/** `uploadFile` step one: where to PUT the bytes, and the fileID they will have. */
export const getUploadMetadata: Action = async (request, context) => {
  const path = FileStorage.checkPath(request.path)
  const token = context.storage.sign(path, context.now)
  return {
    data: {
      url: context.storage.uploadUrl(context.origin, path, token),
      token: '',
      authorization: token,
      fileId: context.storage.fileId(context.env, path),
      cosFileId: FileStorage.cosFileId(),
      download_url: context.storage.downloadUrl(context.origin, path, context.now),
    },
  }
}

/**
 * `getTempFileURL`: the SDK hands `download_list` to the caller as `fileList`,
 * whose items it types `{fileID, tempFileURL, code}`; the wire names `fileid` and
 * `download_url` are sent too. Each URL expires after the item's `max_age` seconds
 * (`{fileID, maxAge}` in the SDK), a day when none is given, as CloudBase's do.
 */
export const batchGetDownloadUrl: Action = async (request, context) => {
  const list = batch(request.file_list, 'file_list')
  const downloads = list.map((item) => {
    const fields = typeof item === 'object' && item !== null ? (item as { fileid?: unknown; max_age?: unknown }) : { fileid: item }
    const fileid = fields.fileid
    const maxAge = maxAgeOf(fields.max_age)
    const path = context.storage.pathOf(fileid)
    if (!path || context.db.store.files.get(path) === undefined) {
      return { fileid, fileID: fileid, code: 'STORAGE_FILE_NONEXIST', message: 'storage file not exist' }
    }
    const url = context.storage.downloadUrl(context.origin, path, context.now, maxAge)
    return { fileid, fileID: fileid, download_url: url, tempFileURL: url, maxAge, code: 'SUCCESS' }
  })
  return { data: { download_list: downloads } }
}

function maxAgeOf(value: unknown): number {
  if (value === undefined || value === null) return DOWNLOAD_TTL_SECONDS
  const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds <= 0) {
    throw invalidParam(`max_age must be a positive whole number of seconds, not ${JSON.stringify(value)}`)
  }
  return seconds
}

/** `deleteFile`: per-file codes, SUCCESS or STORAGE_FILE_NONEXIST. */
export const batchDeleteFile: Action = async (request, context) => {
  const list = batch(request.fileid_list, 'fileid_list')
  const deleted = []
  for (const fileid of list) {
    const path = context.storage.pathOf(fileid)
    const removed = path !== null && (await context.db.store.removeFile(path))
    deleted.push({ fileid, fileID: fileid, code: removed ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST' })
  }
  return { data: { delete_list: deleted } }
}

function batch(list: unknown, field: string): unknown[] {
  if (!Array.isArray(list) || list.length === 0) throw invalidParam(`${field} must be a non-empty array`)
  if (list.length > MAX_BATCH) throw invalidParam(`${field} holds more than ${MAX_BATCH} files`)
  return list
}
