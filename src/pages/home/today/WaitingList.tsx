import { View } from '@tarojs/components'
import { Fragment } from 'react'
import { Badge, Empty, LinkRow, Tag, Unbroken } from '../../../components'
import { openArea, openPage } from '../../../routes'
import { formatDateTime } from '../../../utils/date'
import { cosignFigure } from '../../../utils/share'
import type { MemberToday } from './useToday'

const ACTIVITY_STATE: Record<string, string> = { registered: '已报名', offered: '有名额待确认', waitlisted: '候补中' }

/** 首页's 「等你处理」: each row opens the page where it is done; nothing waiting points to the 议事厅. */
export function WaitingList({ today, only }: { today: MemberToday; only?: 'council' }) {
  const { toVote, meeting, matters, activities, wish, shift } = today
  const council = only === 'council'
  const rows = [
    toVote.count > 0 && (
      <LinkRow
        key="vote"
        id="today-vote"
        title={`待你投票（${toVote.count}）`}
        desc={toVote.items.map((m, k) => (
          <Fragment key={m.id}>
            {k > 0 && '；'}「{m.title}」<Unbroken>{formatDateTime(m.closesAt)}截止</Unbroken>
          </Fragment>
        ))}
        extra={<Badge count={toVote.count} unit="项待投票" />}
        onClick={() => (toVote.count === 1 ? openPage('motion', { id: toVote.items[0].id }) : openPage('motions'))}
      />
    ),
    meeting && (
      <LinkRow key="meeting" id="today-meeting" title={`议事会：${meeting.title}`} desc={`${formatDateTime(meeting.startAt)} · ${meeting.place}`} extra={<Tag tone="brand">已报名</Tag>} onClick={() => openPage('meeting', { id: meeting.id })} />
    ),
    ...matters.map((m) => (
      <LinkRow
        key={m.id}
        id={`today-matter-${m.id.split(':').pop()}`}
        title={m.title}
        desc={m.news ? `${m.news.label}${m.news.note ? `：${m.news.note}` : ''}` : m.cosigns !== null && m.threshold !== null ? `${cosignFigure(m.cosigns, m.threshold)}，可分享给邻居帮你附议` : m.statusLabel}
        extra={<Tag tone={m.news ? 'brand' : 'warning'}>{m.news ? '有新进展' : m.statusLabel}</Tag>}
        onClick={() => openPage('issue', { id: m.id })}
      />
    )),
    ...(council
      ? []
      : activities.map((a) => (
          <LinkRow
            key={a.id}
            id={`today-activity-${a.id.split(':').pop()}`}
            title={a.title}
            desc={`${formatDateTime(a.startAt)} · ${a.place}`}
            extra={<Tag tone={a.myStatus ? 'brand' : 'neutral'}>{a.myStatus ? ACTIVITY_STATE[a.myStatus] : a.seatsLeft > 0 ? `剩余名额 ${a.seatsLeft}` : '已满'}</Tag>}
            onClick={() => openPage('activity', { id: a.id })}
          />
        ))),
    !council && wish && (
      <LinkRow key="wish" id="today-wish" title={`我认领的心愿：${wish.title}`} desc={wish.claimDueAt ? `请在 ${formatDateTime(wish.claimDueAt)} 前完成` : wish.statusLabel} onClick={() => openPage('wish', { id: wish.id })} />
    ),
    !council && shift && (
      <LinkRow key="shift" id="today-shift" title={`志愿岗位：${shift.title}`} desc={`${formatDateTime(shift.startAt)} · ${shift.place}`} onClick={() => openPage('volunteerShift', { id: shift.id })} />
    ),
  ].filter(Boolean)

  if (rows.length > 0) return <View id="today-list">{rows}</View>
  return council ? (
    <Empty id="today-empty" title="暂时没有等你处理的议事" hint="小区里有想改进的地方，可以说出来请邻居附议。" actionText="看看大家说的事" onAction={() => openPage('issues')} />
  ) : (
    <Empty id="today-empty" title="暂时没有等你处理的事" hint="看看邻居们在议什么，或报名近期的活动。" actionText="去议事厅" onAction={() => openArea('council')} />
  )
}
