import { useState } from 'react'
import { View } from '@tarojs/components'
import { Button, PromptModal } from '../../components'
import type { ActionOutput } from '../../api'
import { useAction, type PagedItem } from '../../hooks'

export type MemberItem = PagedItem<'member.list'>

/** A colleague may have decided a moment earlier; say what the state is now. */
function verdictNote(res: ActionOutput<'member.verify'>, approved: boolean): string {
  if (res.changed) return approved ? '已认证' : '已退回'
  return approved && res.status === 'verified' ? '已是认证状态' : '已由他人处理'
}

/**
 * Approving and declining a household registration, shared by the hub's pending
 * list and the member list: `approve(member)`, `askDecline(member)` (opens the
 * reason dialog that `modal` renders), then `onChanged` refreshes the lists.
 */
export function useVerification(onChanged: () => Promise<void>) {
  const [declining, setDeclining] = useState<MemberItem | null>(null)
  const verify = useAction('member.verify', {
    onDone: () => setDeclining(null),
    done: (res, { approve }) => verdictNote(res, approve),
    refresh: onChanged,
  })

  const approve = (member: MemberItem) => verify.run({ memberId: member.memberId, approve: true })
  const decline = (reason: string) => declining && verify.run({ memberId: declining.memberId, approve: false, reason })

  const modal = (
    <PromptModal
      visible={declining !== null}
      title="不通过认证"
      message={`请写明原因，「${declining?.nickname ?? ''}」会看到这段话，核对后可以重新登记住户。`}
      placeholder="例如：房号与实际居住不符，请核对后重新登记"
      confirmText="不通过"
      multiline
      maxLength={100}
      busy={verify.loading}
      validate={(value) => (value ? null : '请写明不通过的原因')}
      onConfirm={(reason) => void decline(reason)}
      onCancel={() => setDeclining(null)}
    />
  )

  return { approve, askDecline: setDeclining, modal, busy: verify.loading }
}

/** 确认住户 / 不通过 under a pending member (`.approve`, `.decline`). */
export function VerifyButtons({ member, verification }: { member: MemberItem; verification: ReturnType<typeof useVerification> }) {
  return (
    <View className="row-actions">
      <Button className="approve" size="compact" variant="secondary" disabled={verification.busy} onClick={() => void verification.approve(member)}>
        确认住户
      </Button>
      <Button
        className="decline"
        size="compact"
        variant="secondary"
        disabled={verification.busy}
        onClick={() => verification.askDecline(member)}
      >
        不通过
      </Button>
    </View>
  )
}
