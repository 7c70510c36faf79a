/**
 * Photo content safety: every photo published with a matter or a task's progress goes
 * to WeChat's asynchronous image check; the verdict arrives as a `wxa_media_check`
 * push (here from the local WeChat port, which judges a file by the word list) through
 * the function's push entry. A risky photo disappears and its author is told; a pass
 * keeps it; a review keeps it and tells the committee; a push delivered twice changes
 * nothing more; and a user cannot play WeChat by sending a push-shaped payload.
 */
import { uploadPrefix } from '../../../cloudfunctions/api/src/platform/files'
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import type { MediaCheck } from '../../../cloudfunctions/api/src/platform/media'
import { DEMO_COMMUNITY } from '../../../local/seed/data'
import { SEED_TASKS } from '../../../local/seed/decisions'
import { REVIEW_MARKER } from '../../../local/wechat'
import { startTestApi, type TestApi } from '../../helpers/api'

const C = DEMO_COMMUNITY._id

let t: TestApi
beforeEach(async () => {
  t = await startTestApi()
})
afterEach(() => t.close())

/** A photo demo-resident (who raises the matters here) uploads into their own place. */
const upload = (content: string, by = 'demo-resident') => t.upload(by, content)
const messagesOf = async (openid: string, kind: string) =>
  ((await t.db.collection('messages').where({ communityId: C, memberId: membershipId(C, openid) }).get()) as { data: Array<{ kind: string; title: string; body: string }> }).data.filter((m) => m.kind === kind)
const audits = async (action: string) => ((await t.db.collection('auditLog').where({ communityId: C, action }).get()) as { data: Array<{ actor: string; target: { id: string } }> }).data
const checkOf = async (traceId: string) => ((await t.db.collection('mediaChecks').doc(`media-${traceId}`).get()) as { data: MediaCheck[] }).data[0]
const fileExists = async (fileID: string) => {
  const res = (await t.app.getTempFileURL({ fileList: [fileID] })) as { fileList: Array<{ tempFileURL?: string }> }
  return !!res.fileList[0]?.tempFileURL
}
/** The push WeChat sent for a submitted image, as the local port built it. */
const pushFor = (traceId: string, suggest: 'risky' | 'pass' | 'review') => ({
  ToUserName: 'gh_local',
  FromUserName: 'demo-resident',
  CreateTime: 1_763_870_000,
  MsgType: 'event',
  Event: 'wxa_media_check',
  appid: 'wx-local',
  trace_id: traceId,
  version: 2,
  result: { suggest, label: suggest === 'pass' ? '100' : '21000' },
  detail: [],
})

const raise = (photos: string[]) =>
  t.ok('demo-resident', 'council.issue.create', { title: '楼道堆放杂物', body: '5号楼 2 单元楼道堆满纸箱，影响通行和消防安全。', category: 'safety', photos }, C)

describe('a matter’s photos', () => {
  it('are submitted to the image check as download URLs, one pending check each, and stay the author’s alone meanwhile', async () => {
    const photos = [await upload('晾衣架照片'), await upload('楼道照片')]
    const { issueId } = await raise([...photos, photos[0]])
    const submitted = t.wechat.mediaChecks()
    expect(submitted).toHaveLength(2)
    for (const s of submitted) {
      expect(s).toMatchObject({ openid: 'demo-resident', scene: 3 })
      expect(s.mediaUrl).toMatch(/^https?:\/\//)
      expect(await checkOf(s.traceId)).toMatchObject({ communityId: C, status: 'pending', owner: { collection: 'issues', docId: issueId, field: 'photos' } })
    }
    expect((await t.ok('demo-resident', 'council.issue.get', { issueId }, C)).photos).toHaveLength(3)
    expect((await t.ok('demo-lead', 'council.issue.get', { issueId }, C)).photos).toEqual([])
  })

  it('loses a risky photo after the push: gone from the matter and from storage, the author told, audited; the others pass', async () => {
    const risky = await upload('这张图里有违禁测试词')
    const fine = await upload('整洁的楼道')
    const { issueId } = await raise([risky, fine])
    await t.wechat.flushMediaChecks()

    const issue = await t.ok('demo-lead', 'council.issue.get', { issueId }, C)
    expect(issue.photos).toEqual([fine])
    expect(issue.cover).toBe(fine)
    expect(await fileExists(risky)).toBe(false)
    expect(await fileExists(fine)).toBe(true)
    const told = await messagesOf('demo-resident', 'media.removed')
    expect(told).toEqual([expect.objectContaining({ title: '图片未通过安全检测', body: expect.stringContaining('楼道堆放杂物') })])
    expect(await audits('media.check.removed')).toEqual([expect.objectContaining({ actor: 'wechat', target: { collection: 'issues', id: issueId } })])
    const [first, second] = t.wechat.mediaChecks()
    expect((await checkOf(first.traceId)).status).toBe('risky')
    expect(await checkOf(second.traceId)).toMatchObject({ status: 'passed', applied: true })
  })

  it('a duplicated push changes nothing the second time', async () => {
    const risky = await upload('看起来正常，其实有违禁测试词')
    const { issueId } = await raise([risky])
    await t.wechat.flushMediaChecks()
    const [check] = t.wechat.mediaChecks()
    expect(check.suggest).toBe('risky')

    expect(await t.api.push(pushFor(check.traceId, 'risky'))).toEqual({ outcome: 'duplicate' })
    // A contradicting late push does not bring the photo back either: the first verdict stands.
    expect(await t.api.push(pushFor(check.traceId, 'pass'))).toEqual({ outcome: 'duplicate' })
    expect((await t.ok('demo-resident', 'council.issue.get', { issueId }, C)).photos).toEqual([])
    expect(await messagesOf('demo-resident', 'media.removed')).toHaveLength(1)
    expect(await audits('media.check.removed')).toHaveLength(1)
  })

  it('holds a photo WeChat wants reviewed for the committee and tells them once', async () => {
    const doubtful = await upload(`一张${REVIEW_MARKER}`)
    const { issueId } = await raise([doubtful])
    await t.wechat.flushMediaChecks()
    const [check] = t.wechat.mediaChecks()
    await t.api.push(pushFor(check.traceId, 'review'))
    expect((await t.ok('demo-resident', 'council.issue.get', { issueId }, C)).photos).toEqual([doubtful])
    expect((await t.ok('demo-committee', 'council.issue.get', { issueId }, C)).photos).toEqual([doubtful])
    expect((await t.ok('demo-volunteer', 'council.issue.get', { issueId }, C)).photos).toEqual([])
    expect(await checkOf(check.traceId)).toMatchObject({ status: 'review', applied: true })
    expect(await messagesOf('demo-committee', 'media.review')).toEqual([expect.objectContaining({ title: '有图片需要复核' })])
    expect(await messagesOf('demo-resident', 'media.removed')).toEqual([])
  })

  it('is removed even when the verdict overtakes the function recording its check', async () => {
    t.wechat.setMediaPushTiming('early')
    const risky = await upload('违禁测试词')
    const { issueId } = await raise([risky])
    expect((await t.ok('demo-resident', 'council.issue.get', { issueId }, C)).photos).toEqual([])
    expect(await messagesOf('demo-resident', 'media.removed')).toHaveLength(1)
    const [check] = t.wechat.mediaChecks()
    expect(await checkOf(check.traceId)).toMatchObject({ communityId: C, status: 'risky', applied: true, owner: { docId: issueId } })
  })

  it('must be uploaded: a fileID not in storage is refused and nothing is stored or submitted', async () => {
    const res = await t.call('demo-resident', 'council.issue.create', { title: '楼道堆放杂物', body: '5号楼 2 单元楼道堆满纸箱，影响通行和消防安全。', category: 'safety', photos: [`cloud://local.6c6f-local-1300000000/${uploadPrefix(C, membershipId(C, 'demo-resident'))}photos/never.jpg`] }, C)
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(t.wechat.mediaChecks()).toEqual([])
    expect((await t.ok('demo-resident', 'council.issue.list', { mine: true }, C)).items.map((i) => i.title)).not.toContain('楼道堆放杂物')
  })
})

describe('a task update’s photos', () => {
  it('lose a risky photo from the update after the push, and the committee member who posted it is told', async () => {
    const risky = await upload('违禁测试词', 'demo-committee')
    const fine = await upload('路灯已安装', 'demo-committee')
    const { updateId } = await t.ok('demo-committee', 'council.task.update', { taskId: SEED_TASKS.westGateLights, text: '剩余 4 盏路灯已安装，正在调试。', photos: [risky, fine], progress: 90 }, C)
    await t.wechat.flushMediaChecks()
    const task = await t.ok('demo-resident', 'council.task.get', { taskId: SEED_TASKS.westGateLights }, C)
    expect(task.updates.find((u) => u.id === updateId)?.photos).toEqual([fine])
    expect(await messagesOf('demo-committee', 'media.removed')).toHaveLength(1)
  })
})

describe('the push entry', () => {
  it('cannot be reached by a user: a push-shaped payload is refused as a call and changes nothing', async () => {
    const photo = await upload('普通照片')
    const { issueId } = await raise([photo])
    const [check] = t.wechat.mediaChecks()
    const forged = pushFor(check.traceId, 'risky')
    for (const event of [forged, { ...forged, action: 'council.issue.get', payload: { issueId } }, { action: 'council.issue.get', payload: { issueId, ...forged } }]) {
      expect(await t.api.handle(event, { openid: 'demo-resident' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
      expect(await t.api.handle(event, { openid: null })).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(INVALID_ARGUMENT|UNAUTHENTICATED)$/) } })
    }
    expect(await checkOf(check.traceId)).toMatchObject({ status: 'pending' })
    expect((await t.ok('demo-resident', 'council.issue.get', { issueId }, C)).photos).toEqual([photo])
    expect(await audits('media.check.removed')).toEqual([])
  })

  it('ignores what is not an image-check verdict, and a verdict for an unknown trace id touches no photo', async () => {
    expect(await t.api.push({ MsgType: 'event', Event: 'wxa_media_check', trace_id: 'x', result: { suggest: 'maybe' } })).toEqual({ outcome: 'ignored' })
    expect(await t.api.push({ MsgType: 'text', Content: '你好' })).toEqual({ outcome: 'ignored' })
    const photo = await upload('普通照片')
    const { issueId } = await raise([photo])
    expect(await t.api.push(pushFor('guessed-trace-id', 'risky'))).toEqual({ outcome: 'early' })
    expect((await t.ok('demo-resident', 'council.issue.get', { issueId }, C)).photos).toEqual([photo])
  })
})

describe('after publication', () => {
  it('the committee takes a flagged photo down with a reason: the author is told, it is audited, a second take-down finds nothing', async () => {
    const photos = [await upload('门牌号清楚的照片'), await upload('楼道照片')]
    const { issueId } = await raise(photos)
    await t.wechat.flushMediaChecks()
    expect(await t.call('demo-resident', 'council.photo.remove', { place: 'issue', id: issueId, fileId: photos[0], reason: '有门牌号' }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const removals = await Promise.all(['demo-committee', 'demo-admin'].map((p) => t.call(p, 'council.photo.remove', { place: 'issue', id: issueId, fileId: photos[0], reason: '照片里有邻居家的门牌号' }, C)))
    expect(removals.filter((r) => r.ok)).toHaveLength(1)
    expect(removals.find((r) => !r.ok)).toMatchObject({ error: { code: 'NOT_FOUND' } })
    expect((await t.ok('demo-volunteer', 'council.issue.get', { issueId }, C)).photos).toEqual([photos[1]])
    expect(await fileExists(photos[0])).toBe(false)
    expect(await messagesOf('demo-resident', 'photo.removed')).toEqual([expect.objectContaining({ body: expect.stringContaining('门牌号') })])
    expect(await audits('council.photo.remove')).toHaveLength(1)
  })

  it("the 6-hourly catch-up finishes a verdict whose effects were interrupted", async () => {
    const photo = await upload('违禁测试词')
    const { issueId } = await raise([photo])
    const [{ traceId }] = t.wechat.mediaChecks()
    // A delivery that recorded the verdict and then stopped: status settled, effects not applied.
    await t.db.collection('mediaChecks').doc(`media-${traceId}`).update({ status: 'risky', suggest: 'risky', applied: false })
    expect((await t.ok('demo-resident', 'council.issue.get', { issueId }, C)).photos).toEqual([photo])
    expect(await t.api.runTimer('frequent')).toMatchObject({ 'media.sweep': { idle: true } })
    const before = t.clock.now()
    t.clock.set('2026-11-23T12:00:00+08:00')
    expect(await t.api.runTimer('frequent')).toMatchObject({ 'media.sweep': { finished: 1, stalePending: 0 } })
    expect((await t.ok('demo-resident', 'council.issue.get', { issueId }, C)).photos).toEqual([])
    expect(await checkOf(traceId)).toMatchObject({ applied: true })
    expect(await t.api.runTimer('frequent')).toMatchObject({ 'media.sweep': { finished: 0 } })
    t.clock.set(before)
  })
})
