/**
 * What a share to a WeChat group says: the title carries the live figure a neighbour
 * acts on (附议 7/10, 剩余名额 3), the path names the community and the item so that
 * whoever opens it lands there (joining first if they must). Pure, so unit-tested.
 * Nothing is ever given for sharing, and nothing requires it.
 */
import { pageLink, type PageName } from '../../cloudfunctions/api/src/platform/links'
import { formatDateTime } from './date'

/** WeChat cuts a share card's title at about two lines; keep the figure visible by clipping the name. */
export const clip = (s: string, max = 18) => (Array.from(s).length > max ? `${Array.from(s).slice(0, max - 1).join('')}…` : s)

export const cosignFigure = (cosigns: number, threshold: number) => `附议 ${cosigns}/${threshold}`

export function issueShareTitle(i: { title: string; status: string; statusLabel: string; cosigns: number; threshold: number }): string {
  // Co-signs count only while the committee has not decided; after that the figure is history.
  if (i.status === 'open' || i.status === 'candidate') return `帮我附议：${clip(i.title)}（${cosignFigure(i.cosigns, i.threshold)}）`
  return `${clip(i.title)}（${i.statusLabel}）`
}

const seats = (seatsLeft: number, waitlist = false) => (seatsLeft > 0 ? `剩余名额 ${seatsLeft}` : waitlist ? '已满，可候补' : '名额已满')

export function meetingShareTitle(m: { title: string; startAt: string; seatsLeft: number; status: string }): string {
  if (m.status === 'cancelled') return `议事会：${clip(m.title)}（已取消）`
  if (m.status === 'held') return `议事会：${clip(m.title)}（已召开）`
  return `议事会：${clip(m.title)}｜${formatDateTime(m.startAt)}｜${seats(m.seatsLeft)}`
}

export function motionShareTitle(m: { title: string; state: string; closesAt: string; cast?: number; eligible?: number; unit?: string }): string {
  if (m.state === 'closed') return `表决结果：${clip(m.title)}`
  const turnout = m.eligible ? `｜已投 ${m.cast ?? 0}/${m.eligible}${m.unit === 'household' ? ' 户' : m.unit === 'person' ? ' 人' : ''}` : ''
  return `表决：${clip(m.title)}｜${formatDateTime(m.closesAt)}截止${turnout}`
}

const DAY_MS = 86_400_000

/** While a 公示 runs, the days left (the last day counts as 剩 1 天); once over, that it is over. */
export function noticeShareTitle(n: { title: string; categoryLabel: string; publicUntil?: string | null }, nowMs: number): string {
  const head = `${n.categoryLabel}：${clip(n.title, 22)}`
  if (!n.publicUntil) return head
  const left = Date.parse(n.publicUntil) - nowMs
  return `${head}｜${left > 0 ? `公示剩 ${Math.ceil(left / DAY_MS)} 天` : '公示已结束'}`
}

export function activityShareTitle(a: { title: string; startAt: string; seatsLeft: number; waitlist?: boolean }): string {
  return `${clip(a.title)}｜${formatDateTime(a.startAt)}｜${seats(a.seatsLeft, a.waitlist)}`
}

export function candidateShareTitle(c: { name: string; number: number; campaignTitle: string }): string {
  return `${clip(c.campaignTitle, 14)}：${c.number} 号候选人 ${c.name}`
}

export function wishShareTitle(w: { title: string; status: string }): string {
  return w.status === 'open' ? `微心愿：${clip(w.title)}，等你认领` : `微心愿：${clip(w.title)}`
}

/**
 * The path a share opens: the page and its item, plus `c`, the community, so that a
 * neighbour of that community (or one who joins it) sees it in the right community.
 */
export function sharePath(page: PageName, query: Record<string, string>, communityId: string | null | undefined): string {
  return `/${pageLink(page, communityId ? { ...query, c: communityId } : query)}`
}
