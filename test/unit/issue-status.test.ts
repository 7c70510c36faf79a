/** The life of a matter: co-signs until the threshold, then the committee's decision, and nothing after it. */
import { chinaTime } from '../../cloudfunctions/api/src/platform/time'
import { checkinOpen, ISSUE_STATUSES, nextStatus, type IssueStatus } from '../../cloudfunctions/api/src/modules/council/model'

describe('issue status', () => {
  it('stays open below the threshold and becomes a candidate at it', () => {
    expect(nextStatus('open', { kind: 'cosigned', cosigns: 9, threshold: 10 })).toBe('open')
    expect(nextStatus('open', { kind: 'cosigned', cosigns: 10, threshold: 10 })).toBe('candidate')
    expect(nextStatus('candidate', { kind: 'cosigned', cosigns: 11, threshold: 10 })).toBe('candidate')
  })

  it('takes no co-signs once the committee has decided', () => {
    for (const s of ['accepted', 'answered', 'merged', 'declined'] as IssueStatus[]) {
      expect(nextStatus(s, { kind: 'cosigned', cosigns: 1, threshold: 10 })).toBeNull()
    }
  })

  it('lets the committee decide an open or candidate matter each way, once', () => {
    for (const from of ['open', 'candidate'] as IssueStatus[]) {
      expect(nextStatus(from, { kind: 'triage', decision: 'accept' })).toBe('accepted')
      expect(nextStatus(from, { kind: 'triage', decision: 'answer' })).toBe('answered')
      expect(nextStatus(from, { kind: 'triage', decision: 'merge' })).toBe('merged')
      expect(nextStatus(from, { kind: 'triage', decision: 'decline' })).toBe('declined')
    }
    for (const from of ISSUE_STATUSES.filter((s) => s !== 'open' && s !== 'candidate')) {
      expect(nextStatus(from, { kind: 'triage', decision: 'accept' })).toBeNull()
    }
  })

})

describe('meeting check-in window', () => {
  const m = { startAt: new Date('2026-11-23T11:30:00Z'), endAt: new Date('2026-11-23T13:30:00Z'), status: 'scheduled' as const }
  it('opens 3 hours before the start and closes 3 hours after the end', () => {
    expect(checkinOpen(m, new Date('2026-11-23T08:29:00Z'))).toBe('early')
    expect(checkinOpen(m, new Date('2026-11-23T08:31:00Z'))).toBe('open')
    expect(checkinOpen(m, new Date('2026-11-23T16:29:00Z'))).toBe('open')
    expect(checkinOpen(m, new Date('2026-11-23T16:31:00Z'))).toBe('closed')
    expect(checkinOpen({ ...m, status: 'cancelled' }, new Date('2026-11-23T12:00:00Z'))).toBe('closed')
  })
})

describe('times in notices', () => {
  it('are China time, as residents read them', () => {
    expect(chinaTime('2026-12-05T11:30:00Z')).toBe('12月5日 19:30')
    expect(chinaTime('2026-12-31T16:05:00Z')).toBe('1月1日 00:05')
  })
})
