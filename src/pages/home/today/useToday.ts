import type { ActionInput, ActionOutput } from '../../../api'
import { useMe, useQuery } from '../../../hooks'

export type Today = ActionOutput<'home.today'>
export type MemberToday = Extract<Today, { kind: 'member' }>

/**
 * What waits for this person (home.today), asked again when the community changes.
 * 首页 also takes the newest notices and the unread count from the same call.
 */
export function useToday(extra: ActionInput<'home.today'> = {}) {
  const me = useMe()
  const communityId = me.data?.current?.communityId ?? null
  return useQuery('home.today', extra, [communityId], { enabled: me.data !== undefined })
}
