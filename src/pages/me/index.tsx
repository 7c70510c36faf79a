import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import {
  Avatar,
  Badge,
  Button,
  Card,
  ErrorState,
  LinkRow,
  Loading,
  Page,
  PromptModal,
  SectionTitle,
  Tag,
  Toggle,
} from '../../components'
import { rememberCommunity } from '../../api/community'
import { goToDevLogin, localDevTools } from '../../api/persona'
import { useAccess, useAction, useMe, useQuery, useRefreshOnPullDown, useRefreshOnShow, useUnreadMessages } from '../../hooks'
import { openArea, openPage, TAB_PAGES } from '../../routes'
import { forgetElderMode, useElderMode } from '../../theme'
import { membershipStatusBadge, membershipStatusTone, roleLabel } from '../../utils/labels'
import './index.scss'

const DELETE_WORD = '注销'

export default function MePage() {
  const me = useMe()
  const access = useAccess()
  const { elder, setElder } = useElderMode()
  const current = me.data?.current ?? null
  const unread = useUnreadMessages()
  useRefreshOnPullDown(me.refresh, unread.refresh)
  useRefreshOnShow(me.refresh, unread.refresh)
  const [askingDelete, setAskingDelete] = useState(false)
  const switchCommunity = useAction('me.switchCommunity', {
    onDone: (res) => rememberCommunity(res.communityId),
    done: '已切换',
  })
  // Remembered on this phone at once; the account copy follows to the next phone.
  // A failed save changes nothing here, so it stays quiet.
  const savePreferences = useAction('me.setPreferences', { onError: 'quiet' })
  const leave = useAction('me.leave', {
    confirm: () => ({
      title: '退出社区',
      content: `退出「${current?.communityName ?? ''}」后，你在这个社区的真实姓名、手机号、住户信息和角色会被清除；发表过的内容以“已离开的居民”保留。再次加入需要重新认证。`,
      confirmText: '退出',
      danger: true,
    }),
    onDone: (res) => rememberCommunity(res.currentCommunityId),
    done: '已退出',
  })
  const deleteAccount = useAction('me.delete', {
    onDone: () => {
      setAskingDelete(false)
      // Nothing of the account stays on the phone either.
      rememberCommunity(null)
      forgetElderMode()
      void Taro.reLaunch({ url: TAB_PAGES.home })
    },
    done: '账号已注销',
  })

  const user = me.data?.user ?? null
  const communities = me.data?.communities ?? []
  const nickname = user?.nickname || '未设置昵称'
  const isStreet = access.street
  // Who sees the 社区管理 entry; the server still checks every admin action.
  const canManage = access.canVerifyMembers
  // Neighbours waiting for this person to verify them (a lead sees their buildings'), as a badge on the way there.
  const pending = useQuery('member.list', { status: 'unverified', limit: 1 }, [me.data?.current?.communityId], { enabled: canManage })
  useRefreshOnShow(pending.refresh)

  const changeElderMode = (on: boolean) => {
    setElder(on)
    void savePreferences.run({ elderMode: on })
  }

  return (
    <Page id="page-me" tab="me">
      {me.loading && !me.data ? (
        <Loading rows={2} />
      ) : me.error && !me.data ? (
        <ErrorState error={me.error} onRetry={me.refresh} />
      ) : (
        <>
          <View id="me-profile" className="me-profile" hoverClass="is-pressed" onClick={() => openPage('profile')}>
            <Avatar src={user?.avatarUrl} name={nickname} size="lg" />
            <View className="me-profile__body">
              <Text id="me-nickname" className="me-profile__name">{nickname}</Text>
              <Text className="me-profile__edit">编辑资料</Text>
            </View>
            <Text className="me-profile__arrow">›</Text>
          </View>

          <SectionTitle title="我的社区" />
          {current ? (
            <Card id="me-community">
              <View className="me-community__row">
                <Text id="me-community-name" className="me-community__name">{current.communityName}</Text>
                {isStreet ? (
                  <Tag id="me-status" tone="neutral">街道账号</Tag>
                ) : (
                  <Tag id="me-status" tone={membershipStatusTone(current.status)}>
                    {membershipStatusBadge(current.status)}
                  </Tag>
                )}
              </View>
              {!isStreet && (
                <Text id="me-household" className="me-community__line">
                  住户：{current.household?.label ?? '未登记'}
                </Text>
              )}
              {!isStreet && (
                <View id="me-roles" className="me-community__roles">
                  {current.roles.map((role) => (
                    <Tag key={role} className="role-tag">{roleLabel(role)}</Tag>
                  ))}
                </View>
              )}
              {current.status === 'unverified' && !isStreet && (
                <Text className="me-community__hint">居委会或楼栋长核实住户信息后即为已认证，可参加表决和评选。</Text>
              )}
              {current.status === 'declined' && (
                <View className="me-declined">
                  <Text id="me-decline-reason" className="me-declined__reason">
                    未通过原因：{current.declineReason || '居委会未说明原因'}
                  </Text>
                  <Text className="me-community__hint">请核对楼栋、单元和房号后重新登记，再由居委会或楼栋长认证。</Text>
                  <Button id="me-reregister" block className="me-declined__action" onClick={() => openPage('household')}>
                    重新登记住户
                  </Button>
                </View>
              )}
              {!isStreet && current.status !== 'declined' && (
                <Button id="me-change-household" variant="text" size="compact" className="me-community__more" onClick={() => openPage('household')}>
                  {current.household ? '更换住户' : '登记住户'}
                </Button>
              )}
            </Card>
          ) : (
            <Card id="me-no-community">
              <Text className="me-community__name">还没有加入社区</Text>
              <Text className="me-community__hint">
                凭居委会或楼栋长给的邀请码（或扫社区的小程序码）加入，选择楼栋和房号，由居委会或楼栋长确认后即为已认证居民。
              </Text>
              <Button id="me-join" block className="me-community__join" onClick={() => openPage('join')}>
                加入社区
              </Button>
            </Card>
          )}

          {current && !isStreet && (
            <LinkRow
              id="link-messages"
              title="消息中心"
              desc="议事进展、报名变动等通知"
              extra={<Badge id="messages-badge" count={unread.count} />}
              onClick={() => openPage('messages')}
            />
          )}

          {current && !isStreet && (
            <LinkRow id="link-participation" title="我参与的" desc="说的事、附议、报名、投票、评价、活动和志愿" onClick={() => openPage('participation')} />
          )}

          {current && !isStreet && (
            <LinkRow id="link-points" title="我的积分" desc="参加议事会、活动和志愿服务所得，及兑换明细" onClick={() => openPage('points')} />
          )}

          {communities.length > 1 && (
            <>
              <SectionTitle title="切换社区" />
              <View id="me-communities" className="me-communities">
                {communities.map((community, index) => {
                  const isCurrent = community.communityId === current?.communityId
                  return (
                    <View
                      key={community.communityId}
                      id={`community-${index}`}
                      className="community-row"
                      hoverClass={isCurrent ? 'none' : 'is-pressed'}
                      onClick={isCurrent || switchCommunity.loading ? undefined : () => void switchCommunity.run({ communityId: community.communityId })}
                    >
                      <Text className="community-row__name">{community.name}</Text>
                      {isCurrent ? (
                        <Tag tone="brand">当前</Tag>
                      ) : (
                        <Text className="community-row__action">切换</Text>
                      )}
                    </View>
                  )
                })}
              </View>
            </>
          )}
          {current && !isStreet && <LinkRow id="link-join-another" title="加入其他社区" desc="凭邀请码再加入一个社区" onClick={() => openPage('join')} />}

          {(canManage || isStreet) && <SectionTitle title="管理" />}
          {canManage && (
            <LinkRow
              id="link-admin"
              title="社区管理"
              desc="住户认证、成员与角色、邀请居民"
              extra={<Badge id="admin-pending-badge" count={pending.data?.total ?? 0} unit="位待认证" />}
              onClick={() => openArea('admin')}
            />
          )}
          {isStreet && (
            <LinkRow id="link-street" title="街道看板" desc="辖区各社区的人数和认证情况（只读）" onClick={() => openPage('street')} />
          )}
        </>
      )}

      <SectionTitle title="设置" />
      <Toggle id="elder-switch" label="长辈模式" hint="字更大、按钮更大，看得清、点得准" checked={elder} onChange={changeElderMode} />

      <SectionTitle title="隐私与数据" />
      <LinkRow id="link-privacy" title="隐私保护指引" desc="收集什么、谁能看到、保存多久" onClick={() => openPage('privacy')} />
      {me.data && (
        <>
          <LinkRow id="link-export" title="导出我的数据" onClick={() => openPage('exportData')} />
          {current && !access.street && (
            <LinkRow id="link-leave" title="退出当前社区" desc={`退出「${current.communityName}」`} onClick={() => void leave.run({ communityId: current.communityId })} />
          )}
          {user && <LinkRow id="link-delete" title="注销账号" desc="删除个人资料，退出所有社区" onClick={() => setAskingDelete(true)} />}
        </>
      )}

      {localDevTools() && (
        <LinkRow id="dev-switch-persona" title="切换身份（开发）" desc="本地演示：换一个演示居民" onClick={goToDevLogin} />
      )}

      <PromptModal
        visible={askingDelete}
        title="注销账号"
        message={`注销后将删除你的昵称、头像和偏好，退出所有已加入的社区，并清除你在各社区的真实姓名、手机号、住户信息和角色；发表过的内容以“已注销用户”匿名保留。注销后无法恢复。\n请输入“${DELETE_WORD}”两个字确认。`}
        placeholder={`输入“${DELETE_WORD}”`}
        confirmText="确认注销"
        danger
        maxLength={10}
        busy={deleteAccount.loading}
        validate={(value) => (value === DELETE_WORD ? null : `请输入“${DELETE_WORD}”两个字`)}
        onConfirm={() => void deleteAccount.run({ confirm: DELETE_WORD })}
        onCancel={() => setAskingDelete(false)}
      />
    </Page>
  )
}
