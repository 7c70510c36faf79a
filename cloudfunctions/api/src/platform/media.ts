/**
 * Photo content safety. Text is checked synchronously (msgSecCheck, before anything is
 * stored: platform/moderation.ts); images go through WeChat's asynchronous check:
 *
 * 1. `photos.submit` (before the owning document is stored): the photos count against
 *    the poster's daily allowance, each photo's fileID gets a temporary download URL
 *    (WeChat downloads the image; a fileID is not a URL) and is submitted to
 *    security.mediaCheckAsync, which answers a trace id. A photo missing from storage
 *    is refused here, and a submission WeChat does not take fails the action, as a
 *    failed text check does: nothing unchecked is published.
 * 2. `photos.record` (after it is stored): one `mediaChecks` document per photo,
 *    `_id` = `media-${traceId}`, naming the owner (collection, document, field, author).
 * 3. WeChat pushes `wxa_media_check` with the trace id and a verdict to the function
 *    (a message push, not a user call: see index.ts `classifyInvocation`). The router's
 *    push entry calls `handleMediaCheckPush`: `risky` pulls the photo from its document,
 *    deletes the file (when it is the author's own), tells the author in the message
 *    centre and audits; `review` holds it for the committee and tells them; `pass`
 *    publishes it.
 *
 * Until it passes, a photo is its author's alone: the document lists every photo in
 * `photos` (the author's order), those published in `publicPhotos` and those WeChat
 * wants reviewed in `reviewPhotos`; `photosFor` decides what a reader sees.
 *
 * Every step is a conditional update on the check's status, so a push delivered twice
 * changes nothing the second time, and a push that overtakes step 2 (its trace id not
 * yet recorded) is kept as an `early` check that step 2 then settles. A verdict whose
 * effects were interrupted (`applied: false`) is finished by the next delivery.
 *
 * The trace id is never returned to a client, so a crafted payload could not name a
 * real check even if it reached the push entry.
 */
import { z } from 'zod'
import type { Services } from './services'
import { auditWriter } from './audit'
import { addOnce, type ScopedDb, type StoredDoc } from './db'
import { invalid, unauthenticated } from './errors'
import { ownsFile } from './files'
import { submitForImageCheck } from './moderation'
import { notify } from './notify'
import { RATE, rateSubject, takeRate } from './ratelimit'
import { committeeMembers } from './recipients'
import type { MediaCheckInput } from './wechat'

export const MEDIA_CHECKS = 'mediaChecks'

export type MediaVerdict = 'passed' | 'risky' | 'review'
export type MediaCheckStatus = 'pending' | 'early' | MediaVerdict

/** Where a photo is published: one element of an array field of one document. */
export interface MediaOwner {
  collection: 'issues' | 'taskUpdates' | 'mallItems' | 'wishes' | 'awardNominations' | 'activities'
  docId: string
  field: 'photos'
  /** the member who posted it; told when it is removed */
  authorId: string
  /** how the author and the committee read the place, e.g. 说事「单元门禁经常失灵」 */
  label: string
  link: string | null
}

export interface MediaCheck {
  _id: string
  /** null only for an `early` check (a verdict that arrived before its submission was recorded) */
  communityId: string | null
  fileId: string | null
  owner: MediaOwner | null
  status: MediaCheckStatus
  suggest: string | null
  label: string | null
  /** the verdict's effects (removal, notices, audit) are done */
  applied: boolean
  submittedAt: Date | null
  checkedAt: Date | null
}

export interface SubmittedPhoto {
  fileId: string
  traceId: string
}

export const mediaCheckId = (traceId: string) => `media-${traceId}`

/** What the image check works with: WeChat, storage, and the checks of every community (a push names no community). */
export type MediaContext = Services & { requestId: string }

/** The image check as an action uses it: submit before storing the post, record after. */
export interface PhotoChecks {
  /** Step 1; a photo not in storage is INVALID_ARGUMENT */
  submit(photos: readonly string[], scene?: MediaCheckInput['scene']): Promise<SubmittedPhoto[]>
  /** Step 2 */
  record(owner: MediaOwner, submitted: readonly SubmittedPhoto[]): Promise<void>
}

/** The image check for one caller (the author WeChat asks about) posting in one community. */
export function photoChecks(services: MediaContext, authorOpenid: string | null, db: () => ScopedDb): PhotoChecks {
  return {
    submit: (photos, scene = 3) => submitPhotos(services, authorOpenid ?? '', photos, scene),
    record: (owner, submitted) => recordPhotoChecks(services, db(), owner, submitted),
  }
}

const checksOf = (services: Pick<Services, 'crossCommunity'>) => services.crossCommunity.collection<MediaCheck>(MEDIA_CHECKS)

/**
 * Step 1: each distinct photo counted against the poster's allowance, given a download
 * URL and submitted to WeChat's image check. Call it before storing anything: a photo
 * not in storage is INVALID_ARGUMENT, one WeChat does not take refuses the post.
 */
async function submitPhotos(services: MediaContext, openid: string, photos: readonly string[], scene: MediaCheckInput['scene']): Promise<SubmittedPhoto[]> {
  const fileIds = [...new Set(photos)]
  if (fileIds.length === 0) return []
  if (!openid) throw unauthenticated()
  // An hour is ample: WeChat downloads the image within seconds of the request.
  const urls = await services.storage.downloadUrls(fileIds, 3600)
  if (fileIds.some((f) => !urls.has(f))) throw invalid('有图片没有上传成功或已过期，请重新选择图片')
  await takeRate(services.crossCommunity, RATE.photoCheck, rateSubject(openid), services.clock.now(), fileIds.length)
  return Promise.all(
    fileIds.map(async (fileId) => ({ fileId, traceId: await submitForImageCheck(services, { openid, mediaUrl: urls.get(fileId)!, scene }, services.requestId) })),
  )
}

/** Step 2: the owner is stored; one pending check per submitted photo (or the early verdict settled now). */
async function recordPhotoChecks(services: MediaContext, db: ScopedDb, owner: MediaOwner, submitted: readonly SubmittedPhoto[]): Promise<void> {
  const now = services.clock.now()
  await Promise.all(
    submitted.map(async ({ fileId, traceId }) => {
      const check: MediaCheck = {
        _id: mediaCheckId(traceId),
        communityId: db.communityId,
        fileId,
        owner,
        status: 'pending',
        suggest: null,
        label: null,
        applied: false,
        submittedAt: now,
        checkedAt: null,
      }
      if ((await addOnce(checksOf(services), check)) === 'added') return
      // The caller's post is stored already: a failure here must not report it failed
      // (a retry would post it twice). The catch-up sweep (every 6 hours) finishes what is left.
      await joinEarlyVerdict(services, check).catch((error) => {
        services.log.error('early media verdict not applied', { requestId: services.requestId, check: check._id, error: String(error) })
      })
    }),
  )
}

/** The push overtook the submission: the early check learns its photo, takes its verdict, and its effects run now. */
async function joinEarlyVerdict(services: MediaContext, check: MediaCheck) {
  const early = await checksOf(services).get(check._id)
  if (!early || early.status !== 'early') return
  const status = verdictOf(early.suggest)
  const joined = { communityId: check.communityId, fileId: check.fileId, owner: check.owner, status, submittedAt: check.submittedAt, applied: false }
  if (!(await checksOf(services).update(check._id, joined, { status: 'early' }))) return
  await applyVerdict(services, { ...early, ...check, status, suggest: early.suggest, label: early.label, checkedAt: early.checkedAt })
}

/** Checks this old without a verdict are reported: WeChat normally answers within minutes. */
const STALE_PENDING_MS = 24 * 3_600_000

/**
 * At the catch-up runs: finishes verdicts whose effects an interrupted delivery left undone (an
 * early verdict joined by a failing submission, a push that failed half-way), and
 * reports checks WeChat has not answered in a day, for the operator to look at.
 */
export async function sweepMediaChecks(services: MediaContext): Promise<{ finished: number; stalePending: number }> {
  const _ = services.crossCommunity._
  const checks = checksOf(services)
  const unapplied = await checks.find({ status: _.in(['risky', 'review', 'passed']), applied: false }, { limit: 100 })
  let finished = 0
  for (const check of unapplied) {
    await applyVerdict(services, check)
    finished++
  }
  const staleSince = new Date(services.clock.now().getTime() - STALE_PENDING_MS)
  const stalePending = await checks.count({ status: 'pending', submittedAt: _.lt(staleSince) })
  if (stalePending > 0) services.log.error('media checks without a verdict for a day', { requestId: services.requestId, count: stalePending })
  return { finished, stalePending }
}

const verdictOf = (suggest: string | null): MediaVerdict => (suggest === 'pass' ? 'passed' : suggest === 'risky' ? 'risky' : 'review')

/**
 * The fields of a `wxa_media_check` push this function relies on. Not strict on
 * purpose: WeChat sends more (ToUserName, FromUserName, CreateTime, appid, version,
 * detail…) and may add fields; only these decide anything.
 */
export const mediaPushSchema = z.object({
  MsgType: z.literal('event'),
  Event: z.literal('wxa_media_check'),
  trace_id: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9_.:-]+$/),
  result: z.object({
    suggest: z.enum(['risky', 'pass', 'review']),
    label: z.union([z.string().max(32), z.number()]).optional(),
  }),
})

/** True for an event shaped as WeChat's image-check push (whether it truly came from WeChat is index.ts's question). */
export const looksLikeMediaPush = (event: unknown): boolean =>
  !!event && typeof event === 'object' && (event as { MsgType?: unknown }).MsgType === 'event' && (event as { Event?: unknown }).Event === 'wxa_media_check'

export type PushOutcome = { outcome: 'ignored' | 'duplicate' | 'early' } | { outcome: MediaVerdict; traceId: string }

/** Step 3: WeChat's verdict on one image. Idempotent: a second delivery of the same push changes nothing. */
export async function handleMediaCheckPush(services: MediaContext, event: unknown, attempt = 0): Promise<PushOutcome> {
  const parsed = mediaPushSchema.safeParse(event)
  if (!parsed.success) {
    services.log.info('media push ignored', { requestId: services.requestId, reason: parsed.error.issues[0]?.message })
    return { outcome: 'ignored' }
  }
  const { trace_id: traceId, result } = parsed.data
  const id = mediaCheckId(traceId)
  const status = verdictOf(result.suggest)
  const verdict = { suggest: result.suggest, label: result.label === undefined ? null : String(result.label), checkedAt: services.clock.now() }
  const checks = checksOf(services)
  if (await checks.update(id, { status, ...verdict, applied: false }, { status: 'pending' })) {
    const check = await checks.get(id)
    if (check) await applyVerdict(services, check)
    return { outcome: status, traceId }
  }
  const existing = await checks.get(id)
  if (!existing) {
    const early: MediaCheck = { _id: id, communityId: null, fileId: null, owner: null, status: 'early', ...verdict, applied: false, submittedAt: null }
    if ((await addOnce(checks, early)) === 'added') return { outcome: 'early' }
    // The submission was recorded meanwhile: take the pending path once more.
    return handleMediaCheckPush(services, event, attempt + 1)
  }
  // The submission recorded its check between this push's two reads: settle it now, or
  // the push would be answered as done and the verdict lost (WeChat delivers it once).
  if (existing.status === 'pending') {
    if (attempt < 3) return handleMediaCheckPush(services, event, attempt + 1)
    throw new Error(`media check ${id} stayed pending`)
  }
  // Already settled: finish effects an interrupted delivery left undone, otherwise nothing.
  if (existing.status !== 'early' && !existing.applied) await applyVerdict(services, existing)
  return { outcome: 'duplicate' }
}

/** A document holding photos as this module keeps them (see the head of this file). */
export interface PhotoHolder {
  photos: string[]
  /** passed by WeChat's check, or let through by the committee after a review */
  publicPhotos?: string[]
  /** WeChat wants a person to look: held for the committee */
  reviewPhotos?: string[]
}

/** The lists a new post starts with: everything held until the check passes it. */
export const unpublishedPhotos = (photos: readonly string[]) => ({ photos: [...photos], publicPhotos: [] as string[], reviewPhotos: [] as string[] })

export interface PendingPhoto {
  fileId: string
  /** 检测中 (the author's own, not yet judged) or 待复核 (WeChat asked for a person to look) */
  state: 'checking' | 'review'
}

export interface PhotoReader {
  memberId: string
  /** the committee (or an admin), who decide on photos held for review */
  committee: boolean
}

/**
 * What one reader sees of a document's photos: the published ones; the author also
 * their own not yet published; the committee also those held for review (to decide).
 * `pendingPhotos` names the unpublished ones among `photos`, for a 检测中/待复核 mark.
 */
export function photosFor(doc: PhotoHolder, authorId: string | null | undefined, reader: PhotoReader) {
  const published = new Set(doc.publicPhotos ?? [])
  const review = new Set(doc.reviewPhotos ?? [])
  const isAuthor = !!authorId && authorId === reader.memberId
  const photos: string[] = []
  const pendingPhotos: PendingPhoto[] = []
  for (const fileId of doc.photos) {
    if (published.has(fileId)) {
      photos.push(fileId)
    } else if (isAuthor || (reader.committee && review.has(fileId))) {
      photos.push(fileId)
      pendingPhotos.push({ fileId, state: review.has(fileId) ? 'review' : 'checking' })
    }
  }
  return { photos, pendingPhotos }
}

/** The update that takes a photo off a document, from every list. */
export const photoRemoval = (_: ScopedDb['_'], fileId: string) => ({ photos: _.pull(fileId), publicPhotos: _.pull(fileId), reviewPhotos: _.pull(fileId) })

/**
 * Deletes the file of a photo already taken off its page (by a risky verdict or by
 * the committee) — only when it lies in the post's author's own place, so a post that
 * once named someone else's file never deletes theirs. Nothing links to it any more,
 * so a file left behind is logged for the operator rather than failing what was done.
 */
export async function deletePhotoFile(
  services: Pick<Services, 'storage' | 'log'> & { requestId: string },
  fileId: string,
  post: { communityId: string; authorId: string | null | undefined },
): Promise<void> {
  if (!post.authorId || !ownsFile(fileId, post.communityId, post.authorId)) {
    services.log.info('photo taken down; its file is not the author’s, so it stays', { requestId: services.requestId, fileId })
    return
  }
  try {
    await services.storage.remove(fileId)
  } catch (err) {
    services.log.error('photo taken down but its file not deleted', { requestId: services.requestId, fileId, error: String(err) })
  }
}

/** The verdict's effects, each idempotent; the audit entry is written by the delivery that marks them done. */
async function applyVerdict(services: MediaContext, check: MediaCheck): Promise<void> {
  const { owner, fileId, communityId } = check
  if (!owner || !fileId || !communityId) return
  const db = services.crossCommunity.in(communityId)
  const link = owner.link ?? undefined
  const posts = db.collection<PhotoHolder & StoredDoc>(owner.collection)
  if (check.status === 'risky') {
    await posts.update(owner.docId, photoRemoval(db._, fileId))
    await deletePhotoFile(services, fileId, { communityId, authorId: owner.authorId })
    await notify(services, db, [owner.authorId], {
      kind: 'media.removed',
      title: '图片未通过安全检测',
      body: `你在${owner.label}中上传的一张图片未通过微信内容安全检测，已被移除`,
      link,
      key: `media-removed-${check._id}`,
    })
  } else if (check.status === 'passed') {
    // Conditional on the photo still being there: one taken down meanwhile stays down.
    await posts.update(owner.docId, { publicPhotos: db._.addToSet(fileId) }, { photos: fileId })
  } else if (check.status === 'review') {
    await posts.update(owner.docId, { reviewPhotos: db._.addToSet(fileId) }, { photos: fileId })
    await notify(services, db, await committeeMembers(db), {
      kind: 'media.review',
      title: '有图片需要复核',
      body: `${owner.label}中的一张图片被微信内容安全检测标记为疑似违规，请查看是否合适`,
      link,
      key: `media-review-${check._id}`,
    })
  }
  const marked = await checksOf(services).update(check._id, { applied: true }, { applied: false })
  if (marked === 1 && check.status !== 'passed') {
    await auditWriter(db, 'wechat', services.requestId, () => services.clock.now())({
      action: check.status === 'risky' ? 'media.check.removed' : 'media.check.review',
      target: { collection: owner.collection, id: owner.docId },
      after: { fileId, verdict: check.status, label: check.label },
      reason: '微信内容安全检测',
    })
  }
}
