/**
 * Files belong to someone (security issue, item 3). A post may attach only files its
 * author uploaded into their own place in storage (uploads/<community>/<member>/…);
 * anyone else's file, another community's, or one outside every member's place is
 * refused and nothing is written or submitted. A take-down or a risky verdict removes
 * the reference and deletes the file only when the post's author owns it. A photo is
 * seen by its author alone (marked 检测中) until WeChat's image check passes it.
 */
import { uploadPrefix } from '../../../cloudfunctions/api/src/platform/files'
import { membershipId } from '../../../cloudfunctions/api/src/platform/roles'
import { DEMO_COMMUNITY, OTHER_COMMUNITY } from '../../../local/seed/data'
import { SEED_ISSUES, SEED_PHOTO_PATH } from '../../../local/seed/council'
import { SEED_TASKS } from '../../../local/seed/decisions'
import { REVIEW_MARKER } from '../../../local/wechat'
import { dataWrites, startTestApi, type TestApi } from '../../helpers/api'

const C = DEMO_COMMUNITY._id
const member = (openid: string, community = C) => membershipId(community, openid)

let t: TestApi
beforeEach(async () => {
  t = await startTestApi()
})
afterEach(() => t.close())

const uploadAs = (openid: string, content: string, communityId = C) => t.upload(openid, content, { communityId })
const uploadAt = async (cloudPath: string, content = '一张照片') => (await t.app.uploadFile({ cloudPath, fileContent: Buffer.from(content) })).fileID as string
const fileExists = async (fileID: string) => {
  const res = (await t.app.getTempFileURL({ fileList: [fileID] })) as { fileList: Array<{ tempFileURL?: string }> }
  return !!res.fileList[0]?.tempFileURL
}

const ISSUE = { title: '楼道堆放杂物', body: '5号楼 2 单元楼道堆满纸箱，影响通行和消防安全。', category: 'safety' }
const raise = (openid: string, photos: string[]) => t.call(openid, 'council.issue.create', { ...ISSUE, photos }, C)

describe('a post attaches only its author’s own files', () => {
  it('refuses a neighbour’s file, another community’s, and one outside every member’s place, writing and submitting nothing', async () => {
    const mine = await uploadAs('demo-resident', '我拍的楼道')
    const theirs = await uploadAs('demo-volunteer', '邻居拍的照片')
    const elsewhere = await uploadAs('demo-resident', '另一个社区的路径', OTHER_COMMUNITY._id)
    const loose = await uploadAt('uploads/issues/loose.jpg')
    // The demo's photo of 小区西门 is demo-resident's, published: still not the volunteer's to attach.
    const seedPhoto = (await t.ok('demo-volunteer', 'council.issue.get', { issueId: SEED_ISSUES.westGate }, C)).photos[0]
    const attempts: Array<[string, string[]]> = [
      ['demo-resident', [mine, theirs]],
      ['demo-resident', [elsewhere]],
      ['demo-resident', [loose]],
      ['demo-volunteer', [seedPhoto]],
    ]
    for (const [poster, photos] of attempts) {
      t.emulator.resetStats()
      const res = await raise(poster, photos)
      expect(res).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(FORBIDDEN|INVALID_ARGUMENT)$/), message: expect.stringMatching(/[\u4e00-\u9fa5]/) } })
      expect(dataWrites(t)).toBe(0)
    }
    expect(t.wechat.mediaChecks()).toEqual([])
    expect((await t.ok('demo-resident', 'council.issue.list', { mine: true }, C)).items.map((i) => i.title)).not.toContain(ISSUE.title)
    // The same member's own file is fine.
    expect(await raise('demo-resident', [mine])).toMatchObject({ ok: true })
  })

  it('holds for task progress photos and avatars too', async () => {
    const leadPhoto = await uploadAs('demo-lead3', '施工围挡')
    const committeePhoto = await uploadAs('demo-committee', '居委会拍的')
    const progress = (photos: string[]) => t.call('demo-lead3', 'council.task.update', { taskId: SEED_TASKS.elevatorWorks, text: '施工单位进场搭设围挡。', photos, progress: 30 }, C)
    expect(await progress([committeePhoto])).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(FORBIDDEN|INVALID_ARGUMENT)$/) } })
    expect(await progress([leadPhoto])).toMatchObject({ ok: true })

    const theirs = await uploadAs('demo-volunteer', '别人的头像')
    expect(await t.call('demo-resident', 'me.updateProfile', { avatarUrl: theirs }, C)).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(FORBIDDEN|INVALID_ARGUMENT)$/) } })
    const own = await uploadAs('demo-resident', '我的头像')
    expect(await t.call('demo-resident', 'me.updateProfile', { avatarUrl: own }, C)).toMatchObject({ ok: true })
    // Joining names no avatar: a newcomer has no place of their own yet, and sets one after joining.
    const joined = await t.call('new-neighbour', 'community.join', { inviteCode: 'LJ2026', householdId: `${C}:b1-1-101`, nickname: '新邻居', avatarUrl: theirs })
    expect(joined).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })
})

describe('removing a photo', () => {
  /** A post from before ownership was checked: its author attached a file that is not theirs. */
  async function legacyIssueWith(fileId: string) {
    const issueId = `${C}:issue-legacy`
    await t.db.collection('issues').add({
      ...(await t.db.collection('issues').doc(SEED_ISSUES.westGate).get() as { data: Array<Record<string, unknown>> }).data[0],
      _id: issueId,
      photos: [fileId],
      publicPhotos: [fileId],
    })
    return issueId
  }

  it('by the committee deletes the file only when the post’s author owns it', async () => {
    const theirs = await uploadAs('demo-volunteer', '志愿者的照片')
    const issueId = await legacyIssueWith(theirs)
    await t.ok('demo-committee', 'council.photo.remove', { place: 'issue', id: issueId, fileId: theirs, reason: '照片与这件事无关' }, C)
    expect((await t.ok('demo-committee', 'council.issue.get', { issueId }, C)).photos).toEqual([])
    expect(await fileExists(theirs)).toBe(true)

    const own = await uploadAs('demo-resident', '自己的照片')
    const { issueId: ownIssue } = await t.ok('demo-resident', 'council.issue.create', { ...ISSUE, photos: [own] }, C)
    await t.wechat.flushMediaChecks()
    await t.ok('demo-committee', 'council.photo.remove', { place: 'issue', id: ownIssue, fileId: own, reason: '照片里有邻居家的门牌号' }, C)
    expect(await fileExists(own)).toBe(false)
  })

  it('after a risky verdict deletes the file only when the post’s author owns it', async () => {
    const own = await uploadAs('demo-resident', '违禁测试词')
    const { issueId } = await t.ok('demo-resident', 'council.issue.create', { ...ISSUE, photos: [own] }, C)
    // The check names its post's author; one whose author does not own the file (older data) keeps the file.
    const [check] = t.wechat.mediaChecks()
    await t.db.collection('mediaChecks').doc(`media-${check.traceId}`).update({ 'owner.authorId': member('demo-volunteer') })
    await t.wechat.flushMediaChecks()
    expect((await t.ok('demo-resident', 'council.issue.get', { issueId }, C)).photos).toEqual([])
    expect(await fileExists(own)).toBe(true)

    const second = await uploadAs('demo-resident', '又一张违禁测试词')
    const { issueId: next } = await t.ok('demo-resident', 'council.issue.create', { ...ISSUE, title: '楼道又堆杂物了', photos: [second] }, C)
    await t.wechat.flushMediaChecks()
    expect((await t.ok('demo-resident', 'council.issue.get', { issueId: next }, C)).photos).toEqual([])
    expect(await fileExists(second)).toBe(false)
  })
})

describe('until the image check passes', () => {
  it('only the author sees the photo, marked 检测中; neighbours see it once it passes', async () => {
    const photo = await uploadAs('demo-resident', '楼道照片')
    const { issueId } = await t.ok('demo-resident', 'council.issue.create', { ...ISSUE, photos: [photo] }, C)

    const mine = await t.ok('demo-resident', 'council.issue.get', { issueId }, C)
    expect(mine).toMatchObject({ photos: [photo], pendingPhotos: [{ fileId: photo, state: 'checking' }], cover: photo })
    const theirs = await t.ok('demo-volunteer', 'council.issue.get', { issueId }, C)
    expect(theirs).toMatchObject({ photos: [], pendingPhotos: [], cover: null })
    expect(JSON.stringify(theirs)).not.toContain(photo)
    const listed = (await t.ok('demo-volunteer', 'council.issue.list', {}, C)).items.find((i) => i.id === issueId)
    expect(listed?.cover).toBeNull()

    await t.wechat.flushMediaChecks()
    expect(await t.ok('demo-volunteer', 'council.issue.get', { issueId }, C)).toMatchObject({ photos: [photo], pendingPhotos: [], cover: photo })
    expect(await t.ok('demo-resident', 'council.issue.get', { issueId }, C)).toMatchObject({ photos: [photo], pendingPhotos: [] })
  })

  it('a photo WeChat wants reviewed stays hidden from neighbours; the committee sees it and may let it through', async () => {
    const photo = await uploadAs('demo-resident', `一张${REVIEW_MARKER}`)
    const { issueId } = await t.ok('demo-resident', 'council.issue.create', { ...ISSUE, photos: [photo] }, C)
    await t.wechat.flushMediaChecks()
    expect((await t.ok('demo-volunteer', 'council.issue.get', { issueId }, C)).photos).toEqual([])
    expect(await t.ok('demo-committee', 'council.issue.get', { issueId }, C)).toMatchObject({ photos: [photo], pendingPhotos: [{ fileId: photo, state: 'review' }] })
    expect(await t.call('demo-resident', 'council.photo.approve', { place: 'issue', id: issueId, fileId: photo }, C)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    await t.ok('demo-committee', 'council.photo.approve', { place: 'issue', id: issueId, fileId: photo }, C)
    expect((await t.ok('demo-volunteer', 'council.issue.get', { issueId }, C)).photos).toEqual([photo])
    const audits = (await t.db.collection('auditLog').where({ communityId: C, action: 'council.photo.approve' }).get()) as { data: unknown[] }
    expect(audits.data).toHaveLength(1)
  })

  it('holds for a task’s progress photos', async () => {
    const photo = await uploadAs('demo-lead3', '围挡照片')
    const { updateId } = await t.ok('demo-lead3', 'council.task.update', { taskId: SEED_TASKS.elevatorWorks, text: '施工单位进场搭设围挡。', photos: [photo], progress: 30 }, C)
    const seen = async (openid: string) => (await t.ok(openid, 'council.task.get', { taskId: SEED_TASKS.elevatorWorks }, C)).updates.find((u) => u.id === updateId)
    expect(await seen('demo-lead3')).toMatchObject({ photos: [photo], pendingPhotos: [{ fileId: photo, state: 'checking' }] })
    expect(await seen('demo-resident')).toMatchObject({ photos: [], pendingPhotos: [] })
    await t.wechat.flushMediaChecks()
    expect(await seen('demo-resident')).toMatchObject({ photos: [photo], pendingPhotos: [] })
  })
})

describe('the demo', () => {
  it('keeps its photo under its author’s own place, passed, so every neighbour sees it', async () => {
    expect(SEED_PHOTO_PATH.startsWith(uploadPrefix(C, member('demo-resident')))).toBe(true)
    const seen = await t.ok('demo-volunteer', 'council.issue.get', { issueId: SEED_ISSUES.westGate }, C)
    expect(seen.photos).toHaveLength(1)
    expect(seen.photos[0]).toContain(SEED_PHOTO_PATH)
    // Published: passed by the check, nothing left pending for anyone.
    expect(seen.pendingPhotos).toEqual([])
    expect((await t.ok('demo-resident', 'council.issue.get', { issueId: SEED_ISSUES.westGate }, C)).pendingPhotos).toEqual([])
    // Its stairwell photo is held for review: the committee sees it marked, neighbours do not.
    expect((await t.ok('demo-committee', 'council.issue.get', { issueId: SEED_ISSUES.stairLights }, C)).pendingPhotos).toEqual([expect.objectContaining({ state: 'review' })])
    expect((await t.ok('demo-volunteer', 'council.issue.get', { issueId: SEED_ISSUES.stairLights }, C)).photos).toEqual([])
  })
})
