import { Text, View } from '@tarojs/components'
import { Badge, Button, Card, Empty, ErrorState, LinkRow, Loading, SectionTitle, Tag } from '../../components'
import { useAccess, useMe, usePagedQuery, useQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../hooks'
import { openPage } from '../../routes'
import { roleLabel } from '../../utils/labels'
import { MemberSummary } from './MemberSummary'
import { useVerification, VerifyButtons } from './verification'
import { WorkbenchPage } from './WorkbenchPage'
import './admin.scss'
import './index.scss'

/** The committee workbench: pending verifications first, then the tools. */
export default function AdminPage() {
  const me = useMe()
  const current = me.data?.current ?? null
  const access = useAccess()
  // The server shows a building lead the households of their own buildings only.
  const pending = usePagedQuery('member.list', { status: 'unverified', limit: 20 }, [current?.communityId], {
    enabled: access.canVerifyMembers,
  })
  const verification = useVerification(pending.refresh)
  // Reported comments wait for the committee only (limit 1 still carries the total).
  const reports = useQuery('council.comment.pending', { limit: 1 }, [current?.communityId], { enabled: access.canModerate })
  useRefreshOnPullDown(me.refresh, pending.refresh, reports.refresh)
  useRefreshOnShow(me.refresh, pending.refresh, reports.refresh)

  const myRoles = current?.roles.filter((role) => ['buildingLead', 'committee', 'admin'].includes(role)) ?? []

  return (
    <WorkbenchPage id="area-admin">
      {() => (
        <>
          <Card id="admin-community">
            <Text className="admin-hub__community">{current?.communityName}</Text>
            <View className="admin-hub__roles">
              {myRoles.map((role) => (
                <Tag key={role} tone="brand">{roleLabel(role)}</Tag>
              ))}
            </View>
            {!access.seesAllBuildings && <Text className="admin-hub__hint">楼栋长只能看到和认证自己负责楼栋的住户。</Text>}
          </Card>

          <SectionTitle
            title="待认证住户"
            extra={pending.total !== null ? <Text id="pending-count" className="admin-hub__count">{pending.total} 人</Text> : undefined}
          />
          <View id="pending-list">
            {pending.loading && pending.items.length === 0 ? (
              <Loading rows={3} />
            ) : pending.error && pending.items.length === 0 ? (
              <ErrorState error={pending.error} onRetry={pending.refresh} />
            ) : pending.items.length === 0 ? (
              <Empty id="pending-empty" title="没有待认证的住户" hint="居民加入社区后会出现在这里，核实楼栋和房号后确认。" />
            ) : (
              pending.items.map((member) => (
                <Card key={member.memberId} className="pending-item">
                  <MemberSummary member={member} showPhone={access.seesContactDetails} />
                  <VerifyButtons member={member} verification={verification} />
                </Card>
              ))
            )}
            {pending.hasMore && (
              <Button id="pending-more" block variant="secondary" className="load-more" disabled={pending.loadingMore} onClick={() => void pending.loadMore()}>
                {pending.loadingMore ? '加载中…' : '加载更多'}
              </Button>
            )}
          </View>

          <SectionTitle title="管理" />
          <LinkRow
            id="link-members"
            title="成员与角色"
            desc={access.canManageRoles ? '按楼栋查找成员，设置志愿者、楼栋长等角色' : '按楼栋查找成员，查看认证状态和角色'}
            onClick={() => openPage('adminMembers')}
          />
          {access.canSignUpNeighbours && (
            <LinkRow id="link-assist" title="为居民代办" desc="为不方便用手机的居民报名活动、附议、评价和发微心愿，须先征得本人同意" onClick={() => openPage('adminAssist')} />
          )}
          <LinkRow id="link-invite" title="邀请居民" desc="社区邀请码和小程序码" onClick={() => openPage('adminInvite')} />
          {access.canReadAuditLog && <LinkRow id="link-audit" title="审计日志" desc="谁在什么时候改了什么，可按人、操作和日期查看和导出" onClick={() => openPage('adminAudit')} />}
          {access.canModerate && (
            <LinkRow id="link-reports" title="举报处理" desc="被邻居举报隐藏的评论，恢复显示或删除" extra={<Badge id="link-reports-count" count={reports.data?.total ?? 0} />} onClick={() => openPage('reports')} />
          )}
          {access.canSeeStats && <LinkRow id="link-stats" title="数据统计" desc="参与、议事、活动、志愿时长和积分的图表，较上期变化；导出月报" onClick={() => openPage('stats')} />}
          {access.canPublishNotices && (
            <LinkRow id="link-notice-new" title="发布公示" desc="决议、进度、收支或结果，可设公示期" onClick={() => openPage('noticeNew')} />
          )}
          {access.canEditCommunity && (
            <>
              <LinkRow id="link-settings" title="社区设置" desc="名称、附议门槛、满意率、星级和积分规则" onClick={() => openPage('adminSettings')} />
              <LinkRow id="link-buildings" title="楼栋与房号" desc="新增楼栋，或给楼栋加单元、楼层" onClick={() => openPage('adminBuildings')} />
            </>
          )}
          <Text className="admin-note">每一次认证、角色和设置的改动都会记录操作人和时间。</Text>

          {verification.modal}
        </>
      )}
    </WorkbenchPage>
  )
}
