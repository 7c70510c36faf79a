import { LinkRow, SectionTitle, Tag } from '../../../components'
import { useAccess, useMe, useQuery, useRefreshOnShow } from '../../../hooks'
import { openArea, openPage } from '../../../routes'
import { formatDateTime } from '../../../utils/date'

/**
 * 志愿服务 on the 邻里 tab: for a volunteer their hours, star and next shift;
 * for everyone the shifts open to sign up. Each row says where it stands while
 * its answer is on the way or failed, and still leads into the area.
 */
export function VolunteersSection() {
  const me = useMe()
  const access = useAccess()
  const community = me.data?.current?.communityId
  const record = useQuery('volunteer.record.mine', {}, [community], { enabled: access.canVolunteer })
  const mine = useQuery('volunteer.shift.mine', { limit: 1 }, [community], { enabled: access.canVolunteer })
  const open = useQuery('volunteer.shift.list', { when: 'upcoming', limit: 50 }, [community], { enabled: access.resident || access.street })
  useRefreshOnShow(record.refresh, mine.refresh, open.refresh)

  const next = mine.data?.items[0]
  const seats = open.data?.items.filter((s) => s.canSignUp).length
  return (
    <>
      <SectionTitle title="志愿服务" />
      {access.canVolunteer && (
        <LinkRow
          id="neighbours-volunteer-mine"
          title="我的志愿"
          desc={
            record.data
              ? `服务时长 ${record.data.creditedHours} 小时 · ${record.data.star > 0 ? `${record.data.star} 星志愿者` : '还未评星'}`
              : record.error
                ? '暂时读不到服务记录，点开重试'
                : '正在读取服务记录…'
          }
          extra={record.data && record.data.honourHours > 0 ? <Tag>荣誉 {record.data.honourHours} 小时</Tag> : undefined}
          onClick={() => openPage('volunteerMine')}
        />
      )}
      {next && (
        <LinkRow
          id="neighbours-volunteer-next"
          title="我的下一次服务"
          desc={`${next.title} · ${formatDateTime(next.startAt)} · ${next.place}`}
          onClick={() => openPage('volunteerShift', { id: next.id })}
        />
      )}
      <LinkRow
        id="enter-volunteers"
        title="参加志愿服务"
        desc={
          seats === undefined
            ? '报名服务岗位，扫码记录服务时长和积分'
            : seats > 0
              ? `近期有 ${seats} 个时段可以报名，扫码记录服务时长和积分`
              : '近期的时段已报满，可以看看服务项目'
        }
        onClick={() => openArea('volunteers')}
      />
    </>
  )
}
