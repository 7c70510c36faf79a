import { Badge, LinkRow } from '../../../components'
import { openArea, openPage } from '../../../routes'
import type { MemberToday } from './useToday'

/** What waits for the committee's (or a building lead's) review, each with its count and its desk. */
export function ReviewRows({ review }: { review: NonNullable<MemberToday['review']> }) {
  const rows = [
    { id: 'review-members', title: '住户待认证', count: review.members, unit: '位', open: () => openPage('adminMembers') },
    review.committee && { id: 'review-candidates', title: '候选议题待处理', count: review.candidates, unit: '件', open: () => openPage('issues', { status: 'candidate' }) },
    review.committee && { id: 'review-reports', title: '被举报的评论', count: review.reports, unit: '条', open: () => openPage('reports') },
    review.committee && { id: 'review-volunteers', title: '志愿者申请', count: review.volunteers, unit: '份', open: () => openPage('volunteerReview') },
    review.committee && { id: 'review-wishes', title: '微心愿待审核', count: review.wishes, unit: '个', open: () => openArea('wishes') },
  ].filter((r): r is { id: string; title: string; count: number; unit: string; open: () => void } => !!r && r.count > 0)
  if (rows.length === 0) return <LinkRow id="review-none" title="暂无待审核" desc={review.committee ? '住户认证、候选议题、举报和申请都已处理' : '你负责楼栋的住户都已认证'} onClick={() => openPage('adminMembers')} />
  return (
    <>
      {rows.map((r) => (
        <LinkRow key={r.id} id={r.id} title={r.title} desc={`${r.count} ${r.unit}等你处理`} extra={<Badge count={r.count} unit={`${r.unit}待处理`} />} onClick={r.open} />
      ))}
    </>
  )
}
