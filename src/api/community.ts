import Taro from '@tarojs/taro'

// The community the resident is looking at, as `me.get` last reported it. Sent
// with every action so the server needs no extra lookup; omitted until known.
const COMMUNITY_KEY = 'communityId'
// The caller's membership there, which names their own place in cloud storage.
const MEMBER_KEY = 'memberId'

/**
 * The community a page opened from a neighbour's share names (`c=`, utils/share):
 * its calls go there whatever community the person looked at last, so a member of
 * it lands on the item and anyone else is refused and offered to join that one.
 */
export function pageCommunityId(): string | undefined {
  const value = Taro.getCurrentInstance().router?.params.c
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value) ? value : undefined
}

export function currentCommunityId(): string | undefined {
  const value: unknown = Taro.getStorageSync(COMMUNITY_KEY)
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** The member id `me.get` reported for the current community, if it is still the current one. */
export function currentMemberId(): string | undefined {
  const communityId = currentCommunityId()
  const value: unknown = Taro.getStorageSync(MEMBER_KEY)
  return communityId && typeof value === 'string' && value.startsWith(`${communityId}:`) ? value : undefined
}

export function rememberCommunity(communityId: string | null | undefined): void {
  if (communityId !== currentCommunityId()) Taro.removeStorageSync(MEMBER_KEY)
  if (communityId) Taro.setStorageSync(COMMUNITY_KEY, communityId)
  else Taro.removeStorageSync(COMMUNITY_KEY)
}

/** What `me.get` says about the current community: remembered together. */
export function rememberMembership(current: { communityId: string; memberId: string } | null | undefined): void {
  rememberCommunity(current?.communityId)
  if (current) Taro.setStorageSync(MEMBER_KEY, current.memberId)
}
