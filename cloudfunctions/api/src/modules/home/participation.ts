/** 我参与的 on 我的: the kinds this person can have, one kind's page of records, hours and points. */
import { z } from 'zod'
import { action } from '../../platform/action'
import { invalid } from '../../platform/errors'
import { balanceId, BALANCES, type PointBalance } from '../../platform/points'
import { cursor, limit } from '../../platform/validation'
import { totalsId, type Totals } from '../volunteer/model'
import { PARTICIPATION_SOURCES } from './sources'

export const participation = action({
  name: 'home.participation',
  summary: '我参与的：可看的类别（我说的事、附议、议事会报名、投票、评价、活动、志愿岗位、认领的心愿），某一类的记录及其状态（分页；投票只显示是否参与，不显示选了什么），志愿时长和积分余额',
  roles: ['resident'],
  input: z.strictObject({ kind: z.enum(PARTICIPATION_SOURCES.map((s) => s.kind) as [string, ...string[]]).optional(), limit: limit(50, 20), cursor }),
  async run({ db, member, input, clock }) {
    const kinds = PARTICIPATION_SOURCES.filter((s) => !s.shownTo || s.shownTo(member))
    const source = input.kind ? kinds.find((s) => s.kind === input.kind) : kinds[0]
    if (!source) throw invalid('没有这一类记录')
    const me = member.membership._id
    const [page, balance, totals] = await Promise.all([
      source.list(db, member, { limit: input.limit, cursor: input.cursor }, clock.now()),
      input.cursor ? null : db.collection<PointBalance>(BALANCES).get(balanceId(me)),
      input.cursor ? null : db.collection<Totals>('volunteerTotals').get(totalsId(me)),
    ])
    return {
      kinds: kinds.map((s) => ({ kind: s.kind, label: s.label })),
      kind: source.kind,
      items: page.items,
      nextCursor: page.nextCursor,
      // With the first page only: what the next pages would repeat.
      summary: input.cursor ? null : { points: balance?.balance ?? 0, volunteerMinutes: (totals?.creditedMinutes ?? 0) + (totals?.honourMinutes ?? 0) },
    }
  },
})
