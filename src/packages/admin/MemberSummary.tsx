import { Text, View } from '@tarojs/components'
import { Tag } from '../../components'
import { formatDay } from '../../utils/date'
import { membershipStatusBadge, membershipStatusTone, roleLabel } from '../../utils/labels'
import type { MemberItem } from './verification'
import './admin.scss'

export interface MemberSummaryProps {
  member: MemberItem
  /** 居委会 and 管理员 see the phone to verify; a building lead sees the masked name only. */
  showPhone: boolean
  /** Roles as plain tags (people who cannot change them). */
  showRoles?: boolean
}

/** Who a member is, as the workbench shows them: nickname, household, status, contact. */
export function MemberSummary({ member, showPhone, showRoles }: MemberSummaryProps) {
  const contact = [member.realName && `姓名：${member.realName}`, showPhone && member.phone && `电话：${member.phone}`]
    .filter(Boolean)
    .join('　')
  const isStreet = (member.roles as string[]).includes('street')
  return (
    <View className="member-summary">
      <View className="member-summary__head">
        <Text className="member-summary__name">{member.nickname || '未设置昵称'}</Text>
        {isStreet ? (
          <Tag tone="neutral">街道账号</Tag>
        ) : (
          <Tag className="member-status" tone={membershipStatusTone(member.status)}>{membershipStatusBadge(member.status)}</Tag>
        )}
      </View>
      {!isStreet && <Text className="member-summary__line">{member.household || '未登记住户'}</Text>}
      {contact && <Text className="member-summary__line">{contact}</Text>}
      {member.status === 'declined' && member.declineReason && (
        <Text className="member-summary__declined">未通过原因：{member.declineReason}</Text>
      )}
      {showRoles && !isStreet && member.roles.length > 0 && (
        <View className="member-summary__roles">
          {(member.roles as string[]).map((role) => (
            <Tag key={role} className={`role-tag role-tag--${role}`}>{roleLabel(role)}</Tag>
          ))}
        </View>
      )}
      <Text className="member-summary__meta">{formatDay(member.joinedAt)} 加入</Text>
    </View>
  )
}
