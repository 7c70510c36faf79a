/**
 * Photos after posting: the committee takes a photo down (one WeChat's image check
 * flagged for review, or one a neighbour complained about) or lets a photo held for
 * review through, and the sweep at the catch-up runs (every 6 hours) finishes image-check verdicts an interrupted
 * delivery left undone.
 */
import { z } from 'zod'
import { action, timer } from '../../platform/action'
import { notFound, precondition } from '../../platform/errors'
import { pageLink } from '../../platform/links'
import { deletePhotoFile, photoRemoval, sweepMediaChecks } from '../../platform/media'
import { notify } from '../../platform/notify'
import { assertOwnId } from '../../platform/ids'
import { fileId, id, text } from '../../platform/validation'
import type { Issue } from './model'
import type { TaskUpdate } from './tasks'

const PLACES = {
  issue: { collection: 'issues', label: '说事' },
  taskUpdate: { collection: 'taskUpdates', label: '办事进度' },
} as const

export const removePhoto = action({
  name: 'council.photo.remove',
  summary: '撤下已发布的一张照片（说事或办事进度里的），写明原因；发布人收到通知（居委会；写入审计日志）',
  roles: ['committee', 'admin'],
  input: z.strictObject({ place: z.enum(['issue', 'taskUpdate']), id, fileId, reason: text(200, 2) }),
  async run(ctx) {
    const { db, input } = ctx
    const place = PLACES[input.place]
    assertOwnId(db, input.id, '照片所在的内容不存在')
    const doc = await db.collection<Issue | TaskUpdate>(place.collection).require(input.id, '照片所在的内容不存在')
    if (!doc.photos.includes(input.fileId)) throw notFound('这张照片已经撤下了')
    // Conditional on the photo still being there: of two committee members only one takes it down (and tells).
    const pulled = await db.collection(place.collection).update(input.id, photoRemoval(db._, input.fileId), { photos: input.fileId })
    if (!pulled) throw notFound('这张照片已经撤下了')
    const authorId = 'authorId' in doc && typeof doc.authorId === 'string' ? doc.authorId : null
    await deletePhotoFile(ctx, input.fileId, { communityId: db.communityId, authorId })
    await ctx.audit({ action: 'council.photo.remove', target: { collection: place.collection, id: input.id }, before: { photos: doc.photos.length }, after: { photos: doc.photos.length - 1 }, reason: input.reason })
    if (authorId && authorId !== ctx.member.membership._id) {
      const page = input.place === 'issue' ? pageLink('issue', { id: input.id }) : pageLink('task', { id: (doc as TaskUpdate).taskId })
      await notify(ctx, db, [authorId], {
        kind: 'photo.removed',
        title: '你的一张照片已被撤下',
        body: `居委会撤下了你在${place.label}中的一张照片：${input.reason.slice(0, 40)}`,
        link: page,
        key: `photo-removed-${input.id}-${input.fileId}`,
      })
    }
    return { id: input.id, photos: doc.photos.length - 1 }
  },
})

export const approvePhoto = action({
  name: 'council.photo.approve',
  summary: '放行一张待复核的照片（微信图片安全检测标记为疑似的）：邻居随即可见（居委会；写入审计日志）',
  roles: ['committee', 'admin'],
  input: z.strictObject({ place: z.enum(['issue', 'taskUpdate']), id, fileId }),
  async run(ctx) {
    const { db, input } = ctx
    const place = PLACES[input.place]
    assertOwnId(db, input.id, '照片所在的内容不存在')
    const doc = await db.collection<Issue | TaskUpdate>(place.collection).require(input.id, '照片所在的内容不存在')
    if (!doc.photos.includes(input.fileId)) throw notFound('这张照片已经撤下了')
    // Only a photo WeChat has looked at and asked a person about: one still being checked waits for its verdict.
    if (!(doc.reviewPhotos ?? []).includes(input.fileId)) throw precondition('这张照片不在待复核中')
    const released = await db
      .collection(place.collection)
      .update(input.id, { publicPhotos: db._.addToSet(input.fileId), reviewPhotos: db._.pull(input.fileId) }, { reviewPhotos: input.fileId })
    if (released) await ctx.audit({ action: 'council.photo.approve', target: { collection: place.collection, id: input.id }, after: { fileId: input.fileId } })
    return { id: input.id, published: true }
  },
})

/**
 * At the catch-up runs (every 6 hours): image-check verdicts whose effects were
 * interrupted are finished; checks WeChat never answered are reported. A delivered
 * verdict applies itself at once, so only an interrupted one leaves work here.
 */
export const sweepPhotos = timer({
  name: 'media.sweep',
  trigger: 'frequent',
  catchUpOnly: true,
  run: (ctx) => sweepMediaChecks(ctx),
})
