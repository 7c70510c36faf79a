import Taro from '@tarojs/taro'
import { call } from './index'
import { toApiError, type ApiError } from './errors'
import { personaOpenid } from './persona'
import { meIsLoading, meIsStale, type MeSnapshot } from './meCache'
import type { ActionName, ActionOutput } from './types'

export type Me = ActionOutput<'me.get'>

// One `me` for the whole app: a module-level store (like 长辈模式's), because
// Taro mounts every page under its own root. Pages read it through useMe; code
// outside React (an upload naming the member's storage place) through loadMe.
// See meCache.ts for when it is asked again.

// The last answer is also kept on the phone: 首页 shows it at once on the next launch and
// asks me.get only when home.today reports the membership changed (confirmMe). In H5 it
// is kept per demo persona, so switching persona never shows another person's answer.
const storageKey = () => (process.env.TARO_ENV === 'h5' ? `me:${personaOpenid() ?? ''}` : 'me')

function kept(): Me | undefined {
  try {
    const value: unknown = Taro.getStorageSync(storageKey())
    return value && typeof value === 'object' ? (value as Me) : undefined
  } catch {
    return undefined
  }
}

let snapshot: MeSnapshot<Me, ApiError> = { data: undefined, error: null, inFlight: false, receivedAt: null }
/** 首页 is confirming the kept answer through home.today: no page asks me.get meanwhile. */
let confirming: Promise<void> | null = null
let settleConfirming: (() => void) | null = null
const listeners = new Set<() => void>()
// Only the latest request may write, so an answer from before a change never overwrites one from after.
let latest = 0
let pending: Promise<void> | null = null

function publish(next: Partial<MeSnapshot<Me, ApiError>>) {
  snapshot = { ...snapshot, ...next }
  listeners.forEach((listener) => listener())
}

/** Asks me.get now; every page showing `me` sees the answer. */
export function refreshMe(): Promise<void> {
  const ticket = ++latest
  publish({ inFlight: true })
  const request = call('me.get', {}).then(
    (data) => {
      if (ticket !== latest) return
      publish({ data, error: null, inFlight: false, receivedAt: Date.now() })
      try {
        Taro.setStorageSync(storageKey(), data)
      } catch {
        // A full storage only costs the next launch a me.get.
      }
    },
    (error: unknown) => {
      if (ticket === latest) publish({ error: toApiError(error), inFlight: false })
    },
  )
  pending = request
  void request.finally(() => {
    if (pending === request) pending = null
  })
  return request
}

/** Asks again when the last answer is stale (a page opening); joins a request under way. */
export function revalidateMe(): Promise<void> {
  if (confirming) return confirming
  return meIsStale(snapshot, Date.now()) ? refreshMe() : (pending ?? Promise.resolve())
}

/** The membership as home.today reports it (null for a visitor). */
export type MeStamp = NonNullable<Extract<ActionOutput<'home.today'>, { kind: 'member' }>['me']> | null

/**
 * 首页 opening (or shown again): home.today will report the membership, so pages wait
 * for that instead of asking me.get (see confirmMe), and on a launch the answer kept
 * from before is shown meanwhile. With no answer to show, me.get is asked as on any page.
 */
export function deferMeToHome(): void {
  if (confirming || snapshot.inFlight) return
  if (snapshot.data === undefined) {
    const data = kept()
    if (!data) return
    publish({ data })
  }
  confirming = new Promise((done) => (settleConfirming = done))
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i])

/** Whether the kept answer says of the membership what home.today just did. */
export function meMatches(current: Me['current'] | undefined, stamp: MeStamp): boolean {
  if (!current || !stamp) return !current && !stamp
  return (
    current.communityId === stamp.communityId &&
    current.memberId === stamp.memberId &&
    current.status === stamp.status &&
    current.declineReason === stamp.declineReason &&
    (current.household?.id ?? null) === stamp.householdId &&
    current.realName === stamp.realName &&
    current.phone === stamp.phone &&
    sameList(current.roles, stamp.roles) &&
    sameList(current.buildingIds, stamp.buildingIds)
  )
}

/**
 * home.today answered (stamp) or failed (undefined): the kept answer stands when it
 * matches, else me.get is asked now. Either way the pages waiting go on.
 */
export function confirmMe(stamp: MeStamp | undefined): void {
  if (!confirming) return
  const done = settleConfirming
  confirming = null
  settleConfirming = null
  if (stamp === undefined || !meMatches(snapshot.data?.current, stamp)) void refreshMe().finally(() => done?.())
  else done?.()
}

/** The caller as me.get last answered, asking first when that answer is stale; undefined when it cannot be had. */
export async function loadMe(): Promise<Me | undefined> {
  await revalidateMe()
  return snapshot.data
}

export function subscribeMe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export const readMe = () => snapshot

export { meIsLoading }

/**
 * Actions after which me.get answers differently (community, household, roles,
 * profile, consent): useAction asks again after each, so no page has to remember.
 */
export const CHANGES_ME: ReadonlySet<ActionName> = new Set<ActionName>([
  'community.join',
  'me.switchCommunity',
  'me.registerHousehold',
  'me.setContact',
  'me.updateProfile',
  'me.consent',
  'me.leave',
  'me.delete',
  'member.grantRole',
  'member.revokeRole',
])
