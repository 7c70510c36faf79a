/**
 * Where a member's files live in cloud storage, and whose a stored file is.
 *
 *   uploads/<communityId>/<memberKey>/<folder>/<name>
 *
 * `memberKey` is the membership id without its `<communityId>:` head (`m-` and 20 hex
 * digits): the community already stands one segment before it, so the pair still names
 * the membership exactly, and the path needs no ':' or percent-escape (the local
 * emulator, like CloudBase, refuses '%' in a cloudPath). Every segment is
 * `[A-Za-z0-9_-]`, safe in a COS key, a URL and a storage security rule.
 *
 * Pure on purpose (no imports): the function, the local gateway, the seed and the
 * mini-program all read the one rule from here.
 */

export const UPLOAD_ROOT = 'uploads'

const SEGMENT = /^[A-Za-z0-9_-]{1,64}$/
/** What may follow a member's prefix: folders and a file name, no empty, `.` or `..` part. */
const REST_PART = /^[A-Za-z0-9_.-]{1,100}$/
const MAX_PATH = 500

/** The membership's own segment, or null when the id is not `<communityId>:<key>` with a path-safe key. */
export function memberKeyOf(communityId: string, memberId: string): string | null {
  if (!SEGMENT.test(communityId) || !memberId.startsWith(`${communityId}:`)) return null
  const key = memberId.slice(communityId.length + 1)
  return SEGMENT.test(key) ? key : null
}

/** `uploads/<communityId>/<memberKey>/`: the only place this member's uploads may go. */
export function uploadPrefix(communityId: string, memberId: string): string {
  const key = memberKeyOf(communityId, memberId)
  if (key === null) throw new Error(`no upload place for member ${JSON.stringify(memberId)} in ${JSON.stringify(communityId)}`)
  return `${UPLOAD_ROOT}/${communityId}/${key}/`
}

export interface ParsedFileId {
  /** the environment id before the first '.' of the host */
  env: string
  /** the bucket after it; null in the short `cloud://<env>/<path>` form */
  bucket: string | null
  /** the cloudPath the file was uploaded to */
  path: string
}

/**
 * Reads `cloud://<env>.<bucket>/<path>` — what CloudBase and the local emulator hand out
 * (`cloud://local.6c6f-local-1300000000/uploads/…` here) — and the short
 * `cloud://<env>/<path>`. Null for anything else, including paths with empty, `.` or
 * `..` parts that a storage backend might resolve differently from this check.
 */
export function parseFileId(fileID: unknown): ParsedFileId | null {
  if (typeof fileID !== 'string' || fileID.length > MAX_PATH + 200) return null
  const match = /^cloud:\/\/([A-Za-z0-9_-]+)(?:\.([A-Za-z0-9_-]+))?\/(.+)$/.exec(fileID)
  if (!match) return null
  const path = match[3]
  if (!isCleanPath(path)) return null
  return { env: match[1], bucket: match[2] ?? null, path }
}

function isCleanPath(path: string): boolean {
  if (path.length > MAX_PATH || /[?#%\\\s]/.test(path)) return false
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..')
}

export interface Uploader {
  communityId: string
  memberId: string
}

/**
 * The member a cloudPath or fileID belongs to by where it lies, or null when it lies
 * outside every member's place (or has nothing after the member's prefix).
 */
export function uploaderOf(pathOrFileId: string): Uploader | null {
  const path = pathOrFileId.startsWith('cloud://') ? parseFileId(pathOrFileId)?.path : pathOrFileId
  if (!path || !isCleanPath(path)) return null
  const [root, communityId, key, ...rest] = path.split('/')
  if (root !== UPLOAD_ROOT || !SEGMENT.test(communityId ?? '') || !SEGMENT.test(key ?? '')) return null
  if (rest.length === 0 || !rest.every((part) => REST_PART.test(part))) return null
  return { communityId, memberId: `${communityId}:${key}` }
}

/** Whether the file lies in this member's own place in this community. */
export function ownsFile(fileID: string, communityId: string, memberId: string): boolean {
  if (!fileID.startsWith('cloud://')) return false
  const owner = uploaderOf(fileID)
  return owner !== null && owner.communityId === communityId && owner.memberId === memberId
}
