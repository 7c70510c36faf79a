import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { pageCommunityId } from '../../api/community'
import { useMe } from '../../hooks/useMe'
import { useQuery } from '../../hooks/useQuery'
import { currentPath, goBack, openPage } from '../../routes'
import { Button } from '../Button'
import './index.scss'

export interface ErrorStateProps {
  /** An ApiError (or anything with a message fit to show). */
  error: { message: string; code?: string }
  onRetry?: () => void
  id?: string
}

/** Refusals that mean "you are not in a community yet", which retrying cannot change. */
const NEEDS_MEMBERSHIP = new Set(['FORBIDDEN', 'UNAUTHENTICATED'])

/**
 * A query that failed. Someone who has not joined a community (a visitor opening a
 * shared link, a member who left) is offered the way in instead of 「重试」, which
 * would only fail again.
 */
/** Joining from a page someone shared comes back to it (the join page checks the target is ours). */
function joinBack(): Record<string, string> | undefined {
  const back = currentPath()
  return back && !back.startsWith('/packages/account/join') ? { back } : undefined
}

export function ErrorState({ error, onRetry, id }: ErrorStateProps) {
  const me = useMe()
  // A page shared from a community the person is not in (`c=`): the way into that one, even for a member of another.
  const [shared] = useState(pageCommunityId)
  const strangerTo = !!shared && !!me.data && !me.data.communities.some((c) => c.communityId === shared)
  const outsider = me.data !== undefined && (!me.data.current || strangerTo) && NEEDS_MEMBERSHIP.has(error.code ?? '')
  const sharedName = useQuery('share.community', { communityId: shared ?? '' }, [shared], { enabled: outsider && strangerTo }).data?.name
  if (outsider) {
    return (
      <View id={id ?? 'error-join'} className="error-state">
        <Text className="error-state__message error-state__message--invite">
          {sharedName ? `这是「${sharedName}」的内容，加入这个社区后就能看到和参与。` : '加入社区后就能看到这里的内容和参与讨论。'}
        </Text>
        <Button id="error-join-button" className="error-state__retry" onClick={() => openPage('join', joinBack())}>
          加入社区
        </Button>
      </View>
    )
  }
  const street = (me.data?.current?.roles ?? []).some((role) => role.includes('street'))
  if (error.code === 'FORBIDDEN') {
    // A member this part is not for (the 街道 account in a residents' area): the
    // reason, and the way back, never 「重试」, which would only be refused again.
    return (
      <View id={id ?? 'error-refused'} className="error-state">
        <Text className="error-state__message error-state__message--invite">{error.message}</Text>
        {street && <Text className="error-state__hint">这里是居民自己使用的功能；街道账号可以查看议事、公示和统计。</Text>}
        <Button id="error-refused-back" variant="secondary" className="error-state__retry" onClick={goBack}>
          返回
        </Button>
      </View>
    )
  }
  return (
    <View id={id} className="error-state" role="alert">
      <Text className="error-state__message">{error.message}</Text>
      {onRetry && (
        <Button variant="secondary" className="error-state__retry" onClick={onRetry}>
          重试
        </Button>
      )}
    </View>
  )
}
