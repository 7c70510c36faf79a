/**
 * Per-user rate limits, so nobody can burn the app's WeChat quota (content checks)
 * or walk invite codes (community lookup and join).
 *
 * Declare a limit on the action, not in its handler:
 *
 *   action({ name: 'council.comment.add', roles: [...], rateLimit: RATE.contentCheck, ... })
 *
 * The router counts the call after the role check and input validation (a refused or
 * malformed call costs nothing) and before `run`, and answers RATE_LIMITED with the
 * rule's Chinese message when the caller is over. Several actions may share one rule
 * (`bucket`): every action that triggers a content check draws from one allowance.
 *
 * One document per user and bucket (`rateLimits`, global: lookups and joins happen
 * before the caller has a community) holds the current fixed window and its count.
 * Counting is one conditional `_.inc` while the window is current and below the limit,
 * so parallel calls can never pass more than `max` in a window; a new window resets
 * the count with another conditional update, and only a user's first call ever adds
 * the document. The subject is a hash of the openid, never the openid itself.
 */
import { createHash } from 'node:crypto'
import { addOnce, type CrossCommunityDb } from './db'
import { rateLimited } from './errors'

export interface RateRule {
  /** the allowance this counts against; actions naming the same bucket share it */
  bucket: string
  max: number
  windowMs: number
  /** what the refused person reads */
  message: string
}

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** The rules in use, named for what they protect. */
export const RATE = {
  /**
   * every call whose texts or files go to WeChat's content checks: the router takes it
   * by itself for any input carrying a checked text or an own file (platform/validation)
   */
  contentCheck: { bucket: 'content', max: 60, windowMs: HOUR, message: '提交太频繁了，请一小时后再试' },
  /**
   * each photo submitted to WeChat's image check (the app's quota is 200,000 a day, a
   * tenth of the text check's): eleven posts of nine photos a day is more than anyone's
   * neighbourhood news needs
   */
  photoCheck: { bucket: 'photos', max: 100, windowMs: DAY, message: '今天上传的照片太多了，请明天再发' },
  /** looking up a community by invite code: slows down guessing codes */
  communityLookup: { bucket: 'lookup', max: 20, windowMs: HOUR, message: '查询邀请码太频繁了，请一小时后再试' },
  /** joining a community: generous for a person whose phone retries, a wall for walking invite codes */
  communityJoin: { bucket: 'join', max: 30, windowMs: DAY, message: '今天加入社区的次数太多了，请明天再试' },
} as const satisfies Record<string, RateRule>

export const RATE_LIMIT_COLLECTION = 'rateLimits'

interface Counter {
  _id: string
  window: number
  count: number
  updatedAt: Date
}

export const rateSubject = (openid: string) => createHash('sha256').update(`rate:${openid}`).digest('hex').slice(0, 24)

const counterId = (rule: RateRule, subject: string) => `${rule.bucket}:${subject}`

/**
 * Takes `cost` (one call by default; several photos at once) from `subject`'s allowance
 * under `rule` at `now`, all or nothing; throws RATE_LIMITED when not that much is left.
 * One database request in the common case.
 */
export async function takeRate(cross: CrossCommunityDb, rule: RateRule, subject: string, now: Date, cost = 1): Promise<void> {
  if (cost > rule.max) throw rateLimited(rule.message)
  const _ = cross._
  const counters = cross.collection<Counter>(RATE_LIMIT_COLLECTION)
  const id = counterId(rule, subject)
  const window = Math.floor(now.getTime() / rule.windowMs)
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await counters.update(id, { count: _.inc(cost), updatedAt: now }, { window, count: _.lte(rule.max - cost) })) return
    // Either over the limit in this window, a window that has passed, or no counter yet.
    if (await counters.update(id, { window, count: cost, updatedAt: now }, { window: _.lt(window) })) return
    // Someone else may create it first: then count against theirs on the next round.
    if ((await addOnce(counters, { _id: id, window, count: cost, updatedAt: now })) === 'added') return
    const doc = await counters.get(id)
    if (doc && doc.window === window && doc.count + cost > rule.max) throw rateLimited(rule.message)
  }
  throw rateLimited(rule.message)
}
