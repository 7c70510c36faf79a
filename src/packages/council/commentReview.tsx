import { useState } from 'react'
import { PromptModal } from '../../components'
import { useAction } from '../../hooks'

/**
 * 居委会's decision on a hidden comment, shared by the topic page and 举报处理:
 * restore it at once, or remove it after a prompt for an optional reason (the
 * author is told). `modal` goes somewhere in the page.
 */
export function useCommentReview(refresh: () => Promise<void>) {
  const [removing, setRemoving] = useState<string | null>(null)
  const review = useAction('council.comment.review', {
    onDone: () => setRemoving(null),
    done: (_, { decision }) => (decision === 'restore' ? '已恢复显示' : '已删除'),
    refresh,
  })

  const modal = (
    <PromptModal
      visible={removing !== null}
      title="保持隐藏并删除"
      message="删除后评论处只显示“该评论已被居委会删除”，并通知作者。可以写明原因（可不填）。"
      placeholder="如：含有人身攻击"
      confirmText="删除"
      danger
      multiline
      maxLength={200}
      busy={review.loading}
      validate={() => null}
      onConfirm={(reason) => removing && void review.run({ commentId: removing, decision: 'remove', ...(reason.trim() ? { reason: reason.trim() } : {}) })}
      onCancel={() => setRemoving(null)}
    />
  )

  return {
    busy: review.loading,
    restore: (commentId: string) => void review.run({ commentId, decision: 'restore' }),
    askRemove: (commentId: string) => setRemoving(commentId),
    modal,
  }
}
