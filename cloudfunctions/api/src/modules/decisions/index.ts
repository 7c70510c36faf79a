/** 厝边议事厅, second half: 表决 and 决议, 帮邻办事 (tasks), 由邻评事 (ratings). 让邻知事 lives in modules/notices. */
import { ScopedDb } from '../../platform/db'
import { registerPersonalData } from '../../platform/personal'
import type { Objection } from '../notices'
import type { RatingDoc } from './tasks'

export { createMotion, listMotions, getMotion, vote, closeMotionAction, getDecision, runMotions } from './motions'
export { createTask, listTasks, getTask, updateTask, addExpense, escalateTask, completeTask, rateTask } from './tasks'

/**
 * A person's ratings and objections. Ballots are left out on purpose: a secret
 * ballot keeps nothing that could be exported, and an open one only what
 * council.motion.get already shows its voter.
 */
registerPersonalData({
  name: 'evaluation',
  async export(services, m) {
    const db = new ScopedDb(services.raw, m.communityId)
    const [ratings, objections] = await Promise.all([
      db.collection<RatingDoc>('ratings').find({ memberId: m._id }, { orderBy: [['createdAt', 'desc']], limit: 1000 }),
      db.collection<Objection>('objections').find({ authorId: m._id }, { orderBy: [['createdAt', 'desc']], limit: 1000 }),
    ])
    return {
      ratings: ratings.map((r) => ({ taskId: r.taskId, rating: r.rating, comment: r.comment, createdAt: r.createdAt })),
      objections: objections.map((o) => ({ noticeId: o.noticeId, text: o.text, answer: o.answer, createdAt: o.createdAt })),
    }
  },
})
