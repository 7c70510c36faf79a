/**
 * Sharing a page to the building's group (issue 15): the poster's mini-program code
 * for any shareable page, and what a scanned code or a shared link leads to. WeChat's
 * scene holds 32 characters, too few for a community and an item id, so the scene is
 * a short key and the directory remembers what it names. Sharing is never rewarded
 * nor required: nothing here counts who shared.
 */
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { action } from '../../platform/action'
import { invalid, notFound } from '../../platform/errors'
import { assertOwnId } from '../../platform/ids'
import { pageLink, type PageName } from '../../platform/links'
import { RATE } from '../../platform/ratelimit'
import { id, machineText } from '../../platform/validation'

/** The pages a neighbour may share, and the collection holding each one's item. */
const SHAREABLE = {
  issue: 'issues',
  meeting: 'meetings',
  motion: 'motions',
  notice: 'notices',
  activity: 'activities',
  awardCandidate: 'awardCandidates',
  wish: 'wishes',
} as const satisfies Partial<Record<PageName, string>>

type SharePage = keyof typeof SHAREABLE

const sharePage = z.enum(Object.keys(SHAREABLE) as [SharePage, ...SharePage[]])

/** Where a scanned poster opens: the home page resolves the scene (share.open) and moves on to the item. */
export const SHARE_CODE_PAGE = 'pages/home/index'

/** `s=` and 12 base-36 characters: the key of (community, page, item), 14 of WeChat's 32. */
export function shareScene(communityId: string, page: SharePage, itemId: string): string {
  const digest = createHash('sha256').update(`${communityId}|${page}|${itemId}`).digest()
  return `s=${BigInt(`0x${digest.subarray(0, 8).toString('hex')}`).toString(36).padStart(12, '0').slice(-12)}`
}

const scene = z.string().trim().min(1).max(64)
machineText.add(scene, { why: '小程序码的场景值，由服务器生成' })

/** WeChat hands the page its scene URL-encoded (s%3Dabc…), a scanned path sometimes once more. */
function decodeScene(raw: string): string {
  let text = raw
  for (let i = 0; i < 2 && text.includes('%'); i += 1) {
    try {
      text = decodeURIComponent(text)
    } catch {
      return text
    }
  }
  return text
}

export const shareCode = action({
  name: 'share.code',
  summary: '某一页的小程序码（海报用）：事项、议事会、表决、公告、活动、候选人、微心愿；扫码经首页直达这一页，不是本社区成员的先加入；转发没有奖励，也不是任何参与的条件',
  roles: ['resident', 'street'],
  input: z.strictObject({ page: sharePage, id }),
  async run({ db, input, wechat, storage, directory, clock }) {
    assertOwnId(db, input.id, '没有找到要分享的内容')
    if (!(await db.collection(SHAREABLE[input.page]).get(input.id))) throw notFound('没有找到要分享的内容')
    const scene = shareScene(db.communityId, input.page, input.id)
    const key = scene.slice(2)
    // Made once per page and kept: a poster printed last month still opens.
    let fileID = (await directory.shareCode(key))?.fileID ?? null
    if (!fileID) {
      const png = await wechat.getUnlimitedQrCode({ scene, page: SHARE_CODE_PAGE })
      fileID = await storage.upload(`qr/share-${key}.png`, png)
      await directory.rememberShareCode({ _id: key, communityId: db.communityId, page: input.page, id: input.id, fileID, createdAt: clock.now() })
    }
    const urls = await storage.downloadUrls([fileID])
    return { scene, page: SHARE_CODE_PAGE, fileID, url: urls.get(fileID) ?? '' }
  },
})

export const shareOpen = action({
  name: 'share.open',
  summary: '扫海报上的小程序码后：它指向的页面（带社区 c=，不是成员的由页面提议加入那个社区）和社区名称',
  roles: ['user'],
  rateLimit: RATE.communityLookup,
  input: z.strictObject({ scene }),
  async run({ input, directory }) {
    const key = /^s=([0-9a-z]{12})$/.exec(decodeScene(input.scene))?.[1]
    if (!key) throw invalid('这个小程序码无法识别')
    const found = await directory.shareCode(key)
    if (!found) throw notFound('这个小程序码已失效，请向分享的邻居要新的')
    const community = await directory.community(found.communityId)
    if (!community) throw notFound('这个小程序码已失效，请向分享的邻居要新的')
    return {
      communityId: community._id,
      communityName: community.name,
      path: `/${pageLink(found.page as SharePage, { id: found.id, c: community._id })}`,
    }
  },
})

export const shareCommunity = action({
  name: 'share.community',
  summary: '分享链接里的社区（c=）叫什么：邻居打开分享时，提议加入的是这个社区（加入仍凭邀请码）',
  roles: ['user'],
  rateLimit: RATE.communityLookup,
  input: z.strictObject({ communityId: id }),
  async run({ input, directory }) {
    const community = await directory.community(input.communityId)
    if (!community) throw notFound('没有找到分享链接里的社区')
    return { communityId: community._id, name: community.name, street: community.street ?? '' }
  },
})

export const actions = [shareCode, shareOpen, shareCommunity] as const
export const timers = [] as const
