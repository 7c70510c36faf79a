import type { ActionOutput } from '../../../api'
import { useMe, useQuery } from '../../../hooks'

export type Today = ActionOutput<'home.today'>
export type MemberToday = Extract<Today, { kind: 'member' }>

/** What waits for this person (home.today), asked again when the community changes. */
export function useToday() {
  const me = useMe()
  const communityId = me.data?.current?.communityId ?? null
  return useQuery('home.today', {}, [communityId], { enabled: me.data !== undefined })
}
