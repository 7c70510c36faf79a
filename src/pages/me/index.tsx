import { Image, Text, View } from '@tarojs/components'
import { Card, ErrorState, LinkRow, Loading, Page, SectionTitle, Tag, Toggle } from '../../components'
import { goToDevLogin } from '../../api/persona'
import { useQuery, useRefreshOnPullDown } from '../../hooks'
import { openArea } from '../../routes'
import { useElderMode } from '../../theme'
import { membershipStatusLabel, roleLabel } from '../../utils/labels'
import './index.scss'

// Who sees the 社区管理 entry; the server still checks every admin action.
const MANAGING_ROLES = ['committee', 'admin']

export default function MePage() {
  const me = useQuery('me.get', {})
  const { elder, setElder } = useElderMode()
  useRefreshOnPullDown(me.refresh)

  const user = me.data?.user ?? null
  const current = me.data?.current ?? null
  const nickname = user?.nickname || '未设置昵称'
  const canManage = current?.roles.some((role) => MANAGING_ROLES.includes(role)) ?? false

  return (
    <Page id="page-me">
      {me.loading && !me.data ? (
        <Loading rows={2} />
      ) : me.error && !me.data ? (
        <ErrorState error={me.error} onRetry={me.refresh} />
      ) : (
        <>
          <View className="me-profile">
            {user?.avatarUrl ? (
              <Image className="me-profile__avatar" src={user.avatarUrl} mode="aspectFill" />
            ) : (
              <View className="me-profile__avatar me-profile__avatar--text">
                <Text>{nickname.slice(0, 1)}</Text>
              </View>
            )}
            <Text id="me-nickname" className="me-profile__name">{nickname}</Text>
          </View>

          <SectionTitle title="我的社区" />
          {current ? (
            <Card id="me-community">
              <View className="me-community__row">
                <Text id="me-community-name" className="me-community__name">{current.communityName}</Text>
                <Tag id="me-status" tone={current.status === 'verified' ? 'brand' : 'warning'}>
                  {membershipStatusLabel(current.status)}
                </Tag>
              </View>
              <View id="me-roles" className="me-community__roles">
                {current.roles.map((role) => (
                  <Tag key={role} className="role-tag">{roleLabel(role)}</Tag>
                ))}
              </View>
              {current.status === 'unverified' && (
                <Text className="me-community__hint">居委会或楼栋长核实住户信息后即为已认证，可参加表决和评选。</Text>
              )}
              {(me.data?.communities.length ?? 0) > 1 && (
                <Text className="me-community__hint">
                  你加入了 {me.data?.communities.length} 个社区，切换社区的功能将在下个版本开放。
                </Text>
              )}
            </Card>
          ) : (
            <Card id="me-no-community">
              <Text className="me-community__name">还没有加入社区</Text>
              <Text className="me-community__hint">
                加入社区的功能将在下个版本开放：届时可按小区、楼栋和房号申请加入，由居委会或楼栋长确认。
              </Text>
            </Card>
          )}
          {canManage && (
            <LinkRow id="link-admin" title="社区管理" desc="成员与角色、住户认证" onClick={() => openArea('admin')} />
          )}
        </>
      )}

      <SectionTitle title="设置" />
      <Toggle id="elder-switch" label="长辈模式" hint="字更大、按钮更大，看得清、点得准" checked={elder} onChange={setElder} />
      {process.env.TARO_ENV === 'h5' && (
        <LinkRow id="dev-switch-persona" title="切换身份（开发）" desc="本地演示：换一个演示居民" onClick={goToDevLogin} />
      )}
    </Page>
  )
}
