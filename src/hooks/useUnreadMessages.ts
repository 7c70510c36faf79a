import { useMe } from './useMe'
import { accessOf } from './access'
import { useQuery } from './useQuery'

/**
 * How many messages the member has not read, for the badges on 我的 and 首页.
 * Asked only for a resident of a community (a 街道 account has no inbox).
 */
export function useUnreadMessages() {
  const current = useMe().data?.current
  const enabled = accessOf(current).canReadMessages
  const query = useQuery('message.list', { limit: 1, unreadOnly: true }, [current?.communityId], { enabled })
  return { count: enabled ? (query.data?.unread ?? 0) : 0, refresh: query.refresh }
}
