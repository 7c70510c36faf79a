/** 决议: a closed motion's published outcome, with the tasks that carry it out. */
import { z } from 'zod'
import { action } from '../../platform/action'
import { assertOwnId } from '../../platform/ids'
import { iso } from '../../platform/time'
import { id } from '../../platform/validation'
import type { Decision } from './motions'
import { PASS_RULE_LABELS } from './rules'
import type { Task } from './tasks'

export const getDecision = action({
  name: 'council.decision.get',
  summary: '决议详情：表决结果、各选项票数、参与情况，以及由它落实的办事项目',
  roles: ['resident', 'street'],
  input: z.strictObject({ decisionId: id }),
  async run({ db, input }) {
    assertOwnId(db, input.decisionId, '决议不存在')
    const d = await db.collection<Decision>('decisions').require(input.decisionId, '决议不存在')
    const tasks = await db.collection<Task>('tasks').find({ decisionId: d._id }, { orderBy: [['createdAt', 'asc']], limit: 50 })
    return {
      id: d._id,
      motionId: d.motionId,
      title: d.title,
      outcome: d.outcome,
      summary: d.summary,
      chosen: d.chosen,
      results: d.options.map((option, i) => ({ option, votes: d.counts[i] })),
      cast: d.cast,
      eligible: d.eligible,
      ruleLabel: PASS_RULE_LABELS[d.rule],
      noticeId: d.noticeId,
      publishedAt: iso(d.publishedAt)!,
      tasks: tasks.map((t) => ({ id: t._id, title: t.title, status: t.status, progress: t.progress })),
    }
  },
})
