import Taro from '@tarojs/taro'

// The community the resident is looking at, as `me.get` last reported it. Sent
// with every action so the server needs no extra lookup; omitted until known.
const COMMUNITY_KEY = 'communityId'

export function currentCommunityId(): string | undefined {
  const value: unknown = Taro.getStorageSync(COMMUNITY_KEY)
  return typeof value === 'string' && value !== '' ? value : undefined
}

export function rememberCommunity(communityId: string | null | undefined): void {
  if (communityId) Taro.setStorageSync(COMMUNITY_KEY, communityId)
  else Taro.removeStorageSync(COMMUNITY_KEY)
}
