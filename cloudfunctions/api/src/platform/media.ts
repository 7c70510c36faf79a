/**
 * Photo content safety. Text is checked synchronously (msgSecCheck, before anything is
 * stored); images go through WeChat's asynchronous check:
 *
 * 1. `submitPhotos` (before the owning document is stored): each photo's fileID gets a
 *    temporary download URL (WeChat downloads the image; a fileID is not a URL) and is
 *    submitted to security.mediaCheckAsync, which answers a trace id. A photo missing
 *    from storage is refused here, and a failed submission fails the action, as a
 *    failed text check does: nothing unchecked is published.
 * 2. `recordPhotoChecks` (after it is stored): one `mediaChecks` document per photo,
 *    `_id` = `media-${traceId}`, naming the owner (collection, document, field, author).
 * 3. WeChat pushes `wxa_media_check` with the trace id and a verdict to the function
 *    (a message push, not a user call: see index.ts `classifyInvocation`). The router's
 *    push entry calls `handleMediaCheckPush`: `risky` pulls the photo from its document,
 *    deletes the file, tells the author in the message centre and audits; `review`
 *    keeps it and tells the committee; `pass` marks it passed.
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
import type { ActionContext, Services } from './action'
import { auditWriter } from './audit'
import { ScopedDb } from './db'
import { invalid, isDuplicateWrite } from './errors'
import { notify } from './notify'
import type { Membership } from './roles'
import type { MediaCheckInput } from './wechat'

export const MEDIA_CHECKS = 'mediaChecks'

export type MediaVerdict = 'passed' | 'risky' | 'review'
export type MediaCheckStatus = 'pending' | 'early' | MediaVerdict

/** Where a photo is published: one element of an array field of one document. */
export interface MediaOwner {
  collection: 'issues' | 'taskUpdates'
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

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any

/**
 * Step 1: a download URL for each distinct photo, each submitted to WeChat's image check.
 * Call it before storing anything: a photo not in storage is INVALID_ARGUMENT.
 */
export async function submitPhotos(ctx: Pick<ActionContext<unknown>, 'app' | 'wechat' | 'caller'>, photos: readonly string[], scene: MediaCheckInput['scene'] = 3): Promise<SubmittedPhoto[]> {
  const fileIds = [...new Set(photos)]
  if (fileIds.length === 0) return []
  // An hour is ample: WeChat downloads the image within seconds of the request.
  const res: Any = await ctx.app.getTempFileURL({ fileList: fileIds.map((fileID) => ({ fileID, maxAge: 3600 })) })
  const urls = new Map<string, string>()
  for (const f of (res?.fileList ?? []) as Array<{ fileID?: string; tempFileURL?: string; code?: string }>) {
    if (f.fileID && f.tempFileURL && (!f.code || f.code === 'SUCCESS')) urls.set(f.fileID, f.tempFileURL)
  }
  if (fileIds.some((f) => !urls.has(f))) throw invalid('有图片没有上传成功或已过期，请重新选择图片')
  const openid = ctx.caller.openid ?? ''
  return Promise.all(
    fileIds.map(async (fileId) => ({ fileId, traceId: (await ctx.wechat.mediaCheckAsync({ openid, mediaUrl: urls.get(fileId)!, scene })).traceId })),
  )
}

/** Step 2: the owner is stored; one pending check per submitted photo (or the early verdict settled now). */
export async function recordPhotoChecks(ctx: Pick<ActionContext<unknown>, 'db' | 'raw' | 'app' | 'wechat' | 'clock' | 'log' | 'requestId'>, owner: MediaOwner, submitted: readonly SubmittedPhoto[]): Promise<void> {
  const { db } = ctx
  const now = ctx.clock.now()
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
      try {
        await ctx.raw.collection(MEDIA_CHECKS).add(check)
      } catch (err) {
        if (!isDuplicateWrite(err)) throw err
        // The caller's post is stored already: a failure here must not report it failed
        // (a retry would post it twice). The hourly sweep finishes what is left.
        await joinEarlyVerdict(ctx, check).catch((error) => ctx.log.error('early media verdict not applied', { requestId: ctx.requestId, check: check._id, error: String(error) }))
      }
    }),
  )
}

/** The push overtook the submission: the early check learns its photo, takes its verdict, and its effects run now. */
async function joinEarlyVerdict(services: Omit<PushContext, 'global'>, check: MediaCheck) {
  const coll = services.raw.collection(MEDIA_CHECKS)
  const early = await getCheck(services, check._id)
  if (!early || early.status !== 'early') return
  const status = verdictOf(early.suggest)
  const res: Any = await coll
    .where({ _id: check._id, status: 'early' })
    .update({ communityId: check.communityId, fileId: check.fileId, owner: check.owner, status, submittedAt: check.submittedAt, applied: false })
  if (res.updated === 1) await applyVerdict(services, { ...early, ...check, status, suggest: early.suggest, label: early.label, checkedAt: early.checkedAt })
}

/** Checks this old without a verdict are reported: WeChat normally answers within minutes. */
const STALE_PENDING_MS = 24 * 3_600_000

/**
 * Hourly: finishes verdicts whose effects an interrupted delivery left undone (an
 * early verdict joined by a failing submission, a push that failed half-way), and
 * reports checks WeChat has not answered in a day, for the operator to look at.
 */
export async function sweepMediaChecks(services: Omit<PushContext, 'global'>): Promise<{ finished: number; stalePending: number }> {
  const _ = services.raw.command
  const unapplied: Any = await services.raw
    .collection(MEDIA_CHECKS)
    .where({ status: _.in(['risky', 'review', 'passed']), applied: false })
    .limit(100)
    .get()
  let finished = 0
  for (const check of (unapplied.data ?? []) as MediaCheck[]) {
    await applyVerdict(services, check)
    finished++
  }
  const stale: Any = await services.raw
    .collection(MEDIA_CHECKS)
    .where({ status: 'pending', submittedAt: _.lt(new Date(services.clock.now().getTime() - STALE_PENDING_MS)) })
    .count()
  const stalePending = stale.total ?? 0
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

export type PushContext = Services & { requestId: string }

export type PushOutcome = { outcome: 'ignored' | 'duplicate' | 'early' } | { outcome: MediaVerdict; traceId: string }

async function getCheck(services: Pick<Services, 'raw'>, id: string): Promise<MediaCheck | null> {
  const res: Any = await services.raw.collection(MEDIA_CHECKS).doc(id).get()
  return (res.data?.[0] as MediaCheck | undefined) ?? null
}

/** Step 3: WeChat's verdict on one image. Idempotent: a second delivery of the same push changes nothing. */
export async function handleMediaCheckPush(services: PushContext, event: unknown, attempt = 0): Promise<PushOutcome> {
  const parsed = mediaPushSchema.safeParse(event)
  if (!parsed.success) {
    services.log.info('media push ignored', { requestId: services.requestId, reason: parsed.error.issues[0]?.message })
    return { outcome: 'ignored' }
  }
  const { trace_id: traceId, result } = parsed.data
  const id = mediaCheckId(traceId)
  const status = verdictOf(result.suggest)
  const verdict = { suggest: result.suggest, label: result.label === undefined ? null : String(result.label), checkedAt: services.clock.now() }
  const coll = services.raw.collection(MEDIA_CHECKS)
  const moved: Any = await coll.where({ _id: id, status: 'pending' }).update({ status, ...verdict, applied: false })
  if (moved.updated === 1) {
    const check = await getCheck(services, id)
    if (check) await applyVerdict(services, check)
    return { outcome: status, traceId }
  }
  const existing = await getCheck(services, id)
  if (!existing) {
    const early: MediaCheck = { _id: id, communityId: null, fileId: null, owner: null, status: 'early', ...verdict, applied: false, submittedAt: null }
    try {
      await coll.add(early)
      return { outcome: 'early' }
    } catch (err) {
      if (!isDuplicateWrite(err)) throw err
      // The submission was recorded meanwhile: take the pending path once more.
      return handleMediaCheckPush(services, event, attempt + 1)
    }
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

/**
 * Deletes the file of a photo already taken off its page (by a risky verdict or by
 * the committee). Nothing links to it any more, so a file left behind is logged for
 * the operator rather than failing what was done.
 */
export async function deletePhotoFile(services: Pick<Services, 'app' | 'log'> & { requestId: string }, fileId: string): Promise<void> {
  try {
    await services.app.deleteFile({ fileList: [fileId] })
  } catch (err) {
    services.log.error('photo taken down but its file not deleted', { requestId: services.requestId, fileId, error: String(err) })
  }
}

/** The verdict's effects, each idempotent; the audit entry is written by the delivery that marks them done. */
async function applyVerdict(services: Omit<PushContext, 'global'>, check: MediaCheck): Promise<void> {
  const { owner, fileId, communityId } = check
  if (!owner || !fileId || !communityId) return
  const db = new ScopedDb(services.raw, communityId)
  if (check.status === 'risky') {
    await db.collection(owner.collection).update(owner.docId, { [owner.field]: db._.pull(fileId) })
    await deletePhotoFile(services, fileId)
    const author = await db.collection<Membership>('memberships').get(owner.authorId)
    if (author && author.status !== 'left') {
      await notify(services, db, [author.openid], {
        kind: 'media.removed',
        title: '图片未通过安全检测',
        body: `你在${owner.label}中上传的一张图片未通过微信内容安全检测，已被移除`,
        link: owner.link ?? undefined,
        key: `media-removed-${check._id}`,
      })
    }
  } else if (check.status === 'review') {
    const committee = await db.collection<Membership>('memberships').find({ roles: 'committee' }, { limit: 100, fields: { openid: true, status: true } })
    await notify(
      services,
      db,
      committee.filter((m) => m.status !== 'left').map((m) => m.openid),
      { kind: 'media.review', title: '有图片需要复核', body: `${owner.label}中的一张图片被微信内容安全检测标记为疑似违规，请查看是否合适`, link: owner.link ?? undefined, key: `media-review-${check._id}` },
    )
  }
  const done: Any = await services.raw.collection(MEDIA_CHECKS).where({ _id: check._id, applied: false }).update({ applied: true })
  if (done.updated === 1 && check.status !== 'passed') {
    await auditWriter(db, 'wechat', services.requestId, () => services.clock.now())({
      action: check.status === 'risky' ? 'media.check.removed' : 'media.check.review',
      target: { collection: owner.collection, id: owner.docId },
      after: { fileId, verdict: check.status, label: check.label },
      reason: '微信内容安全检测',
    })
  }
}
