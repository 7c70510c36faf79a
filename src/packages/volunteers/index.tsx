import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ActionOutput } from '../../api'
import { Badge, Button, Card, ChipGroup, LinkRow, Page, PagedList, SectionTitle, Tag } from '../../components'
import { useAccess, useMe, usePagedQuery, useQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../hooks'
import { openPage } from '../../routes'
import { serviceCategoryLabel, statusTone, volunteerStatusLabel } from './labels'
import { ShiftRow } from './ShiftRow'
import { StarProgress } from './StarProgress'
import './volunteers.scss'

type Me = ActionOutput<'volunteer.me'>

/**
 * 志愿服务: where I stand (applying, or my hours and star), the shifts I signed up
 * for, the shifts and projects open to sign up, and the desks of team leads and
 * the committee.
 */
export default function VolunteersPage() {
  const me = useMe()
  const access = useAccess()
  const community = me.data?.current?.communityId
  const mine = useQuery('volunteer.me', {}, [community], { enabled: access.resident })
  const record = useQuery('volunteer.record.mine', {}, [community], { enabled: access.canVolunteer })
  const signedUp = useQuery('volunteer.shift.mine', { limit: 20 }, [community], { enabled: access.canVolunteer })
  const [view, setView] = useState<'shifts' | 'projects'>('shifts')
  const shifts = usePagedQuery('volunteer.shift.list', { when: 'upcoming', limit: 20 }, [community, view], { enabled: view === 'shifts' })
  const projects = usePagedQuery('volunteer.project.list', { limit: 20 }, [community, view], { enabled: view === 'projects' })
  const refreshers = [mine.refresh, record.refresh, signedUp.refresh, view === 'shifts' ? shifts.refresh : projects.refresh]
  useRefreshOnPullDown(...refreshers)
  useRefreshOnShow(...refreshers)

  return (
    <Page id="area-volunteers">
      <StatusCard mine={mine.data} record={record.data} loading={access.resident && !mine.data && !mine.error} />

      {signedUp.data && signedUp.data.items.length > 0 && (
        <>
          <SectionTitle title="我报名的时段" />
          <View id="my-shifts" className="vol-list">
            {signedUp.data.items.map((s, index) => (
              <ShiftRow key={s.id} id={`my-shift-${index}`} shift={s} onClick={() => openPage('volunteerShift', { id: s.id })} />
            ))}
          </View>
        </>
      )}

      <SectionTitle title="参加志愿服务" />
      <ChipGroup
        id="volunteer-view"
        wide
        options={[
          { value: 'shifts', label: '近期时段', id: 'view-shifts' },
          { value: 'projects', label: '服务项目', id: 'view-projects' },
        ]}
        selected={[view]}
        onSelect={(v) => setView(v as 'shifts' | 'projects')}
      />
      <View className="vol-list">
        {view === 'shifts' ? (
          <PagedList id="shift-list" query={shifts} empty={{ id: 'shifts-empty', title: '近期没有服务时段', hint: '志愿队发布新的服务时段后会出现在这里。' }}>
            {(s, index) => <ShiftRow key={s.id} id={`shift-${index}`} shift={s} onClick={() => openPage('volunteerShift', { id: s.id })} />}
          </PagedList>
        ) : (
          <PagedList id="project-list" query={projects} empty={{ id: 'projects-empty', title: '还没有服务项目', hint: '居委会或志愿队发布服务项目后会出现在这里。' }}>
            {(p, index) => (
              <LinkRow key={p.id} id={`project-${index}`} title={p.title} desc={p.description} extra={<Tag>{serviceCategoryLabel(p.category)}</Tag>} onClick={() => openPage('volunteerProject', { id: p.id })} />
            )}
          </PagedList>
        )}
      </View>

      {mine.data && <Desks mine={mine.data} />}

      <SectionTitle title="证明查验" />
      <LinkRow id="enter-verify" title="查验志愿服务记录证明" desc="输入证明上的查验码，核对是否由社区出具" onClick={() => openPage('volunteerVerify')} />
    </Page>
  )
}

function StatusCard({ mine, record, loading }: { mine: Me | undefined; record: ActionOutput<'volunteer.record.mine'> | undefined; loading: boolean }) {
  const access = useAccess()
  if (!access.known || loading) return <Card id="volunteer-status"><Text className="vol-meta">正在读取…</Text></Card>
  if (!access.resident) {
    return (
      <Card id="volunteer-status" title="志愿服务">
        <Text className="vol-body">
          {access.street ? '街道账号可以查看本社区的服务项目和时段。' : '加入社区后可以申请成为志愿者，报名服务岗位，扫码记录服务时长。'}
        </Text>
      </Card>
    )
  }
  if (access.canVolunteer && record) {
    return (
      <Card id="volunteer-status" title="我的志愿" extra={mine?.application?.number ? <Tag tone="brand">编号 {mine.application.number}</Tag> : undefined} onClick={() => openPage('volunteerMine')}>
        <View className="vol-hours">
          <View className="vol-hours__cell">
            <Text id="status-credited" className="vol-hours__value">{record.creditedHours}</Text>
            <Text className="vol-hours__label">服务时长（小时）</Text>
          </View>
          <View className="vol-hours__cell">
            <Text className="vol-hours__value">{record.honourHours}</Text>
            <Text className="vol-hours__label">荣誉时长（另计）</Text>
          </View>
        </View>
        <StarProgress star={record.star} creditedHours={record.creditedHours} nextStar={record.nextStar} thresholds={record.thresholds} />
        <Button id="enter-mine" block variant="secondary" className="vol-actions" onClick={() => openPage('volunteerMine')}>服务记录和证明</Button>
      </Card>
    )
  }
  const a = mine?.application
  return (
    <Card id="volunteer-status" title="成为社区志愿者" extra={a ? <Tag tone={statusTone(a.status)}>{volunteerStatusLabel(a.status)}</Tag> : undefined}>
      <Text className="vol-body">
        {a?.status === 'pending'
          ? '申请已提交，居委会审核通过后就可以报名服务时段。'
          : a?.status === 'declined'
            ? `申请未通过${a.declineReason ? `：${a.declineReason}` : ''}。可以修改后重新申请。`
            : '报名服务岗位，到场扫码签到签退，服务时长自动记录，可出具志愿服务记录证明。'}
      </Text>
      <View className="vol-actions">
        <Button id="volunteer-apply" block variant={a?.status === 'pending' ? 'secondary' : 'primary'} onClick={() => openPage('volunteerApply')}>
          {a ? '查看我的申请' : '申请成为志愿者'}
        </Button>
      </View>
    </Card>
  )
}

/** The committee's and team leads' entries, with what waits for them. */
function Desks({ mine }: { mine: Me }) {
  const access = useAccess()
  const leads = mine.leads.length > 0
  const committee = access.canReviewVolunteers
  const applications = useQuery('volunteer.application.list', { status: 'pending', limit: 100 }, [], { enabled: committee })
  const honours = useQuery('volunteer.honour.pending', { limit: 100 }, [], { enabled: committee })
  const corrections = useQuery('volunteer.record.corrections', { limit: 100 }, [], { enabled: committee || leads })
  useRefreshOnShow(applications.refresh, honours.refresh, corrections.refresh)
  if (!committee && !leads) return null
  return (
    <>
      <SectionTitle title={committee ? '居委会' : '队长'} />
      {leads && (
        <Card id="lead-teams">
          <Text className="vol-meta">我带领的志愿队：{mine.leads.map((t) => t.name).join('、')}。在时段页面出示签到码和签退码、结算未签退的签到、登记荣誉时长。</Text>
        </Card>
      )}
      {committee && (
        <>
          <LinkRow id="enter-applications" title="志愿者申请" desc="审核居民的志愿者申请，通过后分配编号" extra={<Badge count={applications.data?.items.length ?? 0} />} onClick={() => openPage('volunteerReview', { tab: 'applications' })} />
          <LinkRow id="enter-honours" title="荣誉时长确认" desc="队长登记的荣誉时长，须另一位居委会成员确认" extra={<Badge count={honours.data?.items.length ?? 0} />} onClick={() => openPage('volunteerReview', { tab: 'honours' })} />
        </>
      )}
      <LinkRow id="enter-corrections" title="记录更正申请" desc="志愿者对服务记录提出的更正，由组织者答复" extra={<Badge count={corrections.data?.items.length ?? 0} />} onClick={() => openPage('volunteerReview', { tab: 'corrections' })} />
    </>
  )
}
