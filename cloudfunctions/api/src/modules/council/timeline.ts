/** A matter's public timeline, which the person who raised it follows from 说事 to 评事. */
import type { ScopedDb } from '../../platform/db'
import type { Issue, TimelineEntry } from './model'

/** Adds a step to a matter's timeline. Nothing for work that did not start from a matter. */
export async function noteOnIssue(db: ScopedDb, issueId: string | null, step: TimelineEntry) {
  if (!issueId) return
  await db.collection<Issue>('issues').update(issueId, { updatedAt: step.at, timeline: db._.push([step]) })
}
