import { Text, View } from '@tarojs/components'
import { useMemo, useState } from 'react'
import {
  Button,
  Card,
  ChipGroup,
  Empty,
  ErrorState,
  ExportButton,
  Loading,
  Modal,
  SectionTitle,
  TextField,
} from '../../../components'
import { useAccess, useAction, useMe, usePagedQuery, useQuery, useRefreshOnPullDown } from '../../../hooks'
import { toastError } from '../../../utils/feedback'
import { GRANTABLE_ROLES, roleLabel, type GrantableRole } from '../../../utils/labels'
import { MemberSummary } from '../MemberSummary'
import { useVerification, VerifyButtons, type MemberItem } from '../verification'
import { WorkbenchPage } from '../WorkbenchPage'
import '../admin.scss'
import './index.scss'

type StatusFilter = 'all' | 'unverified' | 'verified' | 'declined'

const STATUS_FILTERS: Array<{ value: StatusFilter; label: string }> = [
  { value: 'all', label: '全部' },
  { value: 'unverified', label: '待认证' },
  { value: 'verified', label: '已认证' },
  { value: 'declined', label: '未通过' },
]

const ALL_BUILDINGS = 'all'

export default function MembersPage() {
  const me = useMe()
  const current = me.data?.current ?? null
  const access = useAccess()
  const structure = useQuery('community.structure', {}, [current?.communityId], { enabled: access.canVerifyMembers })

  const [buildingId, setBuildingId] = useState<string>(ALL_BUILDINGS)
  const [status, setStatus] = useState<StatusFilter>('all')
  const [search, setSearch] = useState('')
  const [q, setQ] = useState('')
  const members = usePagedQuery(
    'member.list',
    {
      limit: 20,
      ...(buildingId !== ALL_BUILDINGS ? { buildingId } : {}),
      ...(status !== 'all' ? { status } : {}),
      ...(q ? { q } : {}),
    },
    [current?.communityId, buildingId, status, q],
    { enabled: access.canVerifyMembers },
  )
  const verification = useVerification(members.refresh)
  const [leadFor, setLeadFor] = useState<{ member: MemberItem; buildingIds: string[] } | null>(null)
  const grant = useAction('member.grantRole', {
    onDone: () => setLeadFor(null),
    done: (_, { role }) => `已设为${roleLabel(role)}`,
    refresh: members.refresh,
  })
  const revoke = useAction('member.revokeRole', { done: '已撤销', refresh: members.refresh })
  useRefreshOnPullDown(me.refresh, structure.refresh, members.refresh)

  // A building lead may filter by their own buildings only (the server refuses others).
  const buildings = useMemo(() => {
    const all = structure.data?.buildings ?? []
    return access.seesAllBuildings ? all : all.filter((b) => access.buildingIds.includes(b.id))
  }, [structure.data, access.seesAllBuildings, access.buildingIds])
  const buildingName = useMemo(
    () => new Map((structure.data?.buildings ?? []).map((b) => [b.id, b.name])),
    [structure.data],
  )

  const applySearch = () => setQ(search.trim())

  const grantRole = (member: MemberItem, role: GrantableRole) => {
    if (role === 'buildingLead') return setLeadFor({ member, buildingIds: member.buildingIds })
    // 志愿者 is everyday; the powers of 居委会 and 管理员 deserve a second look.
    const powers = role === 'admin' ? '修改社区设置、楼栋和所有成员的角色' : '认证住户、查看成员的姓名和电话'
    void grant.run(
      { memberId: member.memberId, role },
      { confirm: role === 'volunteer' ? undefined : { title: `设为${roleLabel(role)}`, content: `「${member.nickname}」将可以${powers}。`, confirmText: '确定' } },
    )
  }

  const revokeRole = (member: MemberItem, role: GrantableRole) =>
    void revoke.run(
      { memberId: member.memberId, role },
      { confirm: { title: `撤销${roleLabel(role)}`, content: `撤销「${member.nickname}」的${roleLabel(role)}角色？`, confirmText: '撤销', danger: true } },
    )

  const saveLeadBuildings = () => {
    if (!leadFor) return
    if (leadFor.buildingIds.length === 0) return toastError({ message: '请选择楼栋长负责的楼栋' })
    void grant.run({ memberId: leadFor.member.memberId, role: 'buildingLead', buildingIds: leadFor.buildingIds })
  }

  const toggleLeadBuilding = (id: string) =>
    setLeadFor((lead) =>
      lead
        ? {
            ...lead,
            buildingIds: lead.buildingIds.includes(id) ? lead.buildingIds.filter((b) => b !== id) : [...lead.buildingIds, id],
          }
        : lead,
    )

  const busy = grant.loading || revoke.loading

  return (
    <WorkbenchPage id="page-members">
      {() => (
        <>
          <Card id="member-filters">
            <View className="member-search">
              <TextField
                id="member-search"
                className="member-search__field"
                label="搜索"
                value={search}
                onChange={setSearch}
                onConfirm={applySearch}
                placeholder={access.seesContactDetails ? '昵称、姓名或房号' : '昵称或房号'}
                maxLength={20}
              />
              <Button id="member-search-submit" size="compact" className="member-search__button" onClick={applySearch}>
                搜索
              </Button>
            </View>
            <Text className="member-filter__label">认证状态</Text>
            <ChipGroup
              id="filter-status"
              options={STATUS_FILTERS.map((f) => ({ ...f, id: `status-${f.value}` }))}
              selected={[status]}
              onSelect={(value) => setStatus(value as StatusFilter)}
            />
            {buildings.length > 0 && (
              <>
                <Text className="member-filter__label">楼栋</Text>
                <ChipGroup
                  id="filter-building"
                  options={[
                    { value: ALL_BUILDINGS, label: access.seesAllBuildings ? '全部楼栋' : '我负责的', id: 'filter-building-all' },
                    ...buildings.map((b, index) => ({ value: b.id, label: b.name, id: `filter-building-${index}` })),
                  ]}
                  selected={[buildingId]}
                  onSelect={setBuildingId}
                />
              </>
            )}
          </Card>
          {access.canExportMembers && (
            <ExportButton
              className="list-export"
              input={{ kind: 'members', ...(buildingId !== ALL_BUILDINGS ? { buildingId } : {}), ...(status !== 'all' ? { status } : {}) }}
            />
          )}

          <SectionTitle
            title={q ? `“${q}”的搜索结果` : '成员'}
            extra={members.total !== null ? <Text id="members-total" className="member-total">共 {members.total} 人</Text> : undefined}
          />
          {!access.canManageRoles && <Text className="admin-note">角色由社区管理员设置。</Text>}

          <View id="member-list">
            {members.loading && members.items.length === 0 ? (
              <Loading rows={4} />
            ) : members.error && members.items.length === 0 ? (
              <ErrorState error={members.error} onRetry={members.refresh} />
            ) : members.items.length === 0 ? (
              <Empty id="members-empty" title={q ? '没有找到符合条件的成员' : '这里还没有成员'} hint="换个楼栋、状态或关键词试试。" />
            ) : (
              members.items.map((member) => {
                const isStreet = (member.roles as string[]).includes('street')
                const roles = member.roles as string[]
                return (
                  <Card key={member.memberId} className="member-row">
                    <MemberSummary member={member} showPhone={access.seesContactDetails} showRoles={!access.canManageRoles} />
                    {member.status === 'unverified' && <VerifyButtons member={member} verification={verification} />}
                    {access.canManageRoles && !isStreet && (
                      <View className="member-roles">
                        <Text className="member-roles__label">角色（点按设置，再点撤销）</Text>
                        <ChipGroup
                          multiple
                          options={GRANTABLE_ROLES.map((role) => {
                            const on = roles.includes(role)
                            // grant-<role> / revoke-<role> say what a tap does (and let tests find it).
                            return { value: role, label: roleLabel(role), className: `role-chip role-chip--${role} ${on ? `revoke-${role}` : `grant-${role}`}` }
                          })}
                          selected={roles}
                          onSelect={(value) => {
                            if (busy) return
                            const role = value as GrantableRole
                            if (roles.includes(role)) revokeRole(member, role)
                            else grantRole(member, role)
                          }}
                        />
                        {roles.includes('buildingLead') && (
                          <View className="member-roles__lead">
                            <Text className="member-roles__lead-text">
                              负责：{member.buildingIds.map((id) => buildingName.get(id) ?? id).join('、') || '未指定'}
                            </Text>
                            <Button
                              variant="text"
                              size="compact"
                              className="edit-lead-buildings"
                              onClick={() => setLeadFor({ member, buildingIds: member.buildingIds })}
                            >
                              修改楼栋
                            </Button>
                          </View>
                        )}
                      </View>
                    )}
                  </Card>
                )
              })
            )}
            {members.hasMore && (
              <Button id="members-more" block variant="secondary" className="load-more" disabled={members.loadingMore} onClick={() => void members.loadMore()}>
                {members.loadingMore ? '加载中…' : '加载更多'}
              </Button>
            )}
          </View>

          <Modal
            id="lead-buildings"
            visible={leadFor !== null}
            placement="bottom"
            title={`「${leadFor?.member.nickname ?? ''}」负责的楼栋`}
            footer={
              <>
                <Button id="lead-buildings-cancel" variant="secondary" onClick={() => setLeadFor(null)}>
                  取消
                </Button>
                <Button id="lead-buildings-confirm" disabled={grant.loading} onClick={saveLeadBuildings}>
                  确定
                </Button>
              </>
            }
          >
            <Text className="admin-note">楼栋长可以认证所负责楼栋的住户，看到他们的房号和隐去部分的姓名。可多选。</Text>
            <ChipGroup
              multiple
              wide
              options={(structure.data?.buildings ?? []).map((b, index) => ({ value: b.id, label: b.name, id: `lead-building-${index}` }))}
              selected={leadFor?.buildingIds ?? []}
              onSelect={toggleLeadBuilding}
            />
          </Modal>

          {verification.modal}
        </>
      )}
    </WorkbenchPage>
  )
}
