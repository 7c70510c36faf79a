/**
 * The demo's second half of the 议事厅: an open 表决 (where to put the new
 * e-bike chargers, 记名, results live), the closed 3号楼加装电梯 表决 with its
 * decision (每户一票, 三分之二以上, 不记名), tasks under way — the lift works
 * escalated to the street, the 西门照明改造 民生小实事 with its budget and
 * expenses — a finished task with neighbours' ratings, and notices in 公示 with
 * an objection answered and one awaiting the committee. Deterministic ids.
 */
import type { CloudBase } from '@cloudbase/node-sdk'
import { membershipId } from '../../cloudfunctions/api/src/platform/roles'
import { topicIdOf } from '../../cloudfunctions/api/src/modules/council/model'
import { objectionId } from '../../cloudfunctions/api/src/modules/notice'
import { ballotKey, boxOf, decisionIdOf, emptyBoxes } from '../../cloudfunctions/api/src/modules/council/motions'
import { ratingId } from '../../cloudfunctions/api/src/modules/council/tasks'
import { tallyMotion, YES_NO } from '../../cloudfunctions/api/src/modules/council/rules'
import { SEED_ISSUES } from './council'
import { DEMO_COMMUNITY, HOUSEHOLDS, neighbours } from './data'

const C = DEMO_COMMUNITY._id
const DAY = 86_400_000
const HOUR = 3_600_000

export const SEED_MOTIONS = { chargers: `${C}:motion-s1`, elevator: `${C}:motion-s2` }
export const SEED_DECISIONS = { elevator: decisionIdOf(SEED_MOTIONS.elevator) }
export const SEED_TASKS = { elevatorWorks: `${C}:task-s1`, westGateLights: `${C}:task-s2`, sortingKiosk: `${C}:task-s3` }
export const SEED_NOTICES = { elevator: `${C}:notice-n1`, spending: `${C}:notice-n4` }
const CHARGER_OPTIONS = ['自行车棚东侧', '5号楼北侧空地', '西门停车场']

export async function seedDecisions(app: CloudBase, now: Date): Promise<number> {
  const db = app.database()
  const ago = (days: number, hours = 0) => new Date(now.getTime() - days * DAY - hours * HOUR)
  const later = (days: number, hours = 0) => new Date(now.getTime() + days * DAY + hours * HOUR)
  const people = neighbours()
  const neighbour = (n: number) => membershipId(C, people[n - 1].openid)
  const member = (openid: string) => membershipId(C, openid)
  let documents = 0
  const add = async (collection: string, docs: Array<Record<string, unknown>>) => {
    if (docs.length) await db.collection(collection).add(docs.map((d) => ({ ...d, communityId: C })))
    documents += docs.length
  }
  const M = SEED_MOTIONS
  const T = SEED_TASKS
  const N = SEED_NOTICES

  // The lift: every household of building 3 voted; 6 赞成, 1 反对, 1 弃权 of 8 — two thirds and more.
  const b3 = HOUSEHOLDS.filter((h) => h.buildingId === `${C}:b3`)
  const elevatorCounts = [6, 1, 1]
  const elevatorResult = tallyMotion({ kind: 'yesNo', options: YES_NO, rule: 'twoThirds', quorumPercent: 50 }, elevatorCounts, b3.length)
  const elevatorClosed = ago(3)
  // Chargers: a few households have voted (记名), results shown live.
  const chargerVotes = [1, 2, 3, 4, 9, 10, 11].map((n, i) => ({ household: people[n - 1].household, option: [0, 0, 1, 0, 2, 0, 1][i] }))
  const motion = (f: Record<string, unknown>) => ({ description: '', topicId: null, buildingIds: null, buildingNames: [], quorumPercent: 0, announced: true, closedAt: null, closedBy: null, result: null, counts: null, decisionId: null, ...f })
  await add('motions', [
    motion({
      _id: M.chargers,
      title: '电动车充电桩加装位置',
      description: '议事会讨论后提出三个可选位置，请每户选择一个。得票过半数的位置将列入明年民生小实事。',
      topicId: null,
      kind: 'choice',
      options: CHARGER_OPTIONS,
      unit: 'household',
      rule: 'simple',
      secret: false,
      hideResults: false,
      opensAt: ago(1),
      closesAt: later(3),
      status: 'open',
      createdAt: ago(1),
    }),
    motion({
      _id: M.elevator,
      title: '3号楼加装电梯方案表决',
      description: '电梯井设在北侧，费用按楼层系数分摊，一楼不出资。按《民法典》要求，由 3 号楼住户每户一票表决，三分之二以上同意即通过。',
      topicId: topicIdOf(SEED_ISSUES.elevator),
      kind: 'yesNo',
      options: [...YES_NO],
      unit: 'household',
      buildingIds: [`${C}:b3`],
      buildingNames: ['3号楼'],
      rule: 'twoThirds',
      quorumPercent: 50,
      secret: true,
      hideResults: true,
      opensAt: ago(7),
      closesAt: elevatorClosed,
      status: 'closed',
      closedAt: elevatorClosed,
      closedBy: 'timer',
      result: elevatorResult,
      counts: elevatorCounts,
      decisionId: SEED_DECISIONS.elevator,
      createdAt: ago(7),
    }),
  ])
  // Each motion's ballot box, in the voters' shards: the counts, and who took part (记名: with their choice).
  const boxes = (m: { _id: string; secret: boolean; options: string[] }, open: boolean, votes: Array<{ household: string; option: number; at?: Date }>) =>
    emptyBoxes(m, open).map((box) => {
      const mine = votes.map((v) => ({ ...v, key: ballotKey(m, `hh:${v.household}`) })).filter((v) => boxOf(m, v.key) === box._id)
      const voters = mine.map((v) => v.key)
      return {
        ...box,
        counts: m.options.map((_, o) => mine.filter((v) => v.option === o).length),
        voters: m.secret ? voters.sort() : voters,
        picks: m.secret ? [] : mine.map((v) => ({ v: v.key, o: v.option, at: v.at })),
      }
    })
  await add('ballots', [
    ...boxes({ _id: M.elevator, secret: true, options: [...YES_NO] }, false, b3.map((h, i) => ({ household: h._id, option: elevatorCounts.flatMap((n, o) => Array<number>(n).fill(o))[i] }))),
    ...boxes({ _id: M.chargers, secret: false, options: CHARGER_OPTIONS }, true, chargerVotes.map((v, i) => ({ ...v, at: ago(0, 20 - i) }))),
  ])
  await add('decisions', [
    {
      _id: SEED_DECISIONS.elevator,
      motionId: M.elevator,
      topicId: topicIdOf(SEED_ISSUES.elevator),
      title: '3号楼加装电梯方案表决',
      outcome: elevatorResult.outcome,
      summary: elevatorResult.summary,
      chosen: null,
      options: [...YES_NO],
      counts: elevatorCounts,
      cast: elevatorResult.cast,
      eligible: elevatorResult.eligible,
      rule: 'twoThirds',
      noticeId: N.elevator,
      publishedAt: elevatorClosed,
    },
  ])

  const task = (f: Record<string, unknown>) => ({ decisionId: null, issueId: null, escalations: [], status: 'open', progress: 0, project: false, budgetFen: 0, spentFen: 0, round: 0, ratings: { satisfied: 0, basic: 0, unsatisfied: 0 }, reopened: 0, doneAt: null, ...f })
  await add('tasks', [
    task({
      _id: T.elevatorWorks,
      decisionId: SEED_DECISIONS.elevator,
      issueId: SEED_ISSUES.elevator,
      title: '3号楼加装电梯施工',
      description: '委托有资质的单位设计施工，电梯井设在北侧；施工期间 3 号楼北侧通道临时封闭。',
      ownerId: member('demo-lead3'),
      deadline: later(120),
      tier: 2,
      escalations: [{ from: 1, to: 2, reason: '规划和特种设备审批需要街道协调住建部门', at: ago(2) }],
      progress: 15,
      createdAt: ago(3),
      updatedAt: ago(1),
    }),
    task({
      _id: T.westGateLights,
      title: '民生小实事：小区西门照明改造',
      description: '西门到菜市场路段新装路灯 12 盏，更换老化电缆，由社区民生小实事经费列支。',
      ownerId: member('demo-committee'),
      deadline: later(20),
      tier: 1,
      progress: 60,
      project: true,
      budgetFen: 2_000_000,
      spentFen: 1_200_000,
      createdAt: ago(25),
      updatedAt: ago(4),
    }),
    task({
      _id: T.sortingKiosk,
      title: '垃圾分类亭除臭改造',
      description: '2号楼旁垃圾分类亭加装排风和除臭设备，定时冲洗。',
      ownerId: neighbour(6),
      deadline: ago(5),
      tier: 1,
      status: 'done',
      progress: 100,
      round: 1,
      ratings: { satisfied: 4, basic: 1, unsatisfied: 1 },
      doneAt: ago(6),
      createdAt: ago(40),
      updatedAt: ago(2),
    }),
  ])
  const update = (id: string, taskId: string, text: string, progress: number, at: Date) => ({ _id: id, taskId, text, photos: [], progress, createdAt: at })
  await add('taskUpdates', [
    update(`${C}:tupd-s1`, T.elevatorWorks, '设计单位已完成现场勘测，电梯井位置确定在北侧。', 10, ago(2, 6)),
    update(`${C}:tupd-s2`, T.elevatorWorks, '设计方案已报街道，等待规划审批。', 15, ago(1)),
    update(`${C}:tupd-s3`, T.westGateLights, '电缆沟开挖完成，老化电缆已更换。', 30, ago(15)),
    update(`${C}:tupd-s4`, T.westGateLights, '新装路灯 8 盏已通电，剩余 4 盏下周安装。', 60, ago(4)),
    update(`${C}:tupd-s5`, T.sortingKiosk, '排风扇和除臭喷淋已安装，每天早晚各冲洗一次。', 80, ago(10)),
    update(`${C}:tupd-s6`, T.sortingKiosk, '已办结：除臭设备运行正常，异味明显减轻。', 100, ago(6)),
  ])
  await add('taskExpenses', [
    { _id: `${C}:exp-s1`, taskId: T.westGateLights, item: 'LED 路灯 8 盏', amountFen: 960_000, createdAt: ago(12) },
    { _id: `${C}:exp-s2`, taskId: T.westGateLights, item: '电缆及开挖施工', amountFen: 240_000, createdAt: ago(14) },
  ])
  const ratings: Array<[number, string, string | null]> = [
    [15, 'satisfied', '味道小多了，谢谢社区'],
    [16, 'satisfied', null],
    [17, 'satisfied', '夏天再看看效果'],
    [18, 'satisfied', null],
    [21, 'basic', '早上冲洗时间可以再早一点'],
    [22, 'unsatisfied', '晚上还是有点味道'],
  ]
  await add(
    'ratings',
    ratings.map(([n, rating, comment], i) => ({ _id: ratingId(T.sortingKiosk, 1, neighbour(n)), taskId: T.sortingKiosk, round: 1, memberId: neighbour(n), rating, comment, createdAt: ago(5, i) })),
  )

  const answered = objectionId(N.elevator, neighbour(12))
  await add('objections', [
    { _id: answered, noticeId: N.elevator, authorId: neighbour(12), text: '一楼住户的采光补偿没有写进方案，希望说明。', answer: '一楼不分摊费用；北侧电梯井经测算对一楼采光影响在规范允许范围内，施工方案中另有外墙浅色处理，详见议事会纪要。', answeredAt: ago(1), createdAt: ago(1, 10) },
    { _id: objectionId(N.spending, neighbour(7)), noticeId: N.spending, authorId: neighbour(7), text: '消防设施维护的费用明细能否公布到具体项目？', answer: null, answeredAt: null, createdAt: ago(0, 5) },
  ])
  await db.collection('notices').doc(N.elevator).update({ source: { kind: 'decision', id: SEED_DECISIONS.elevator } })
  // The lift's matter tells its story on: put to the vote, decided, and handed on as a task.
  await db.collection('issues').doc(SEED_ISSUES.elevator).update({
    timeline: db.command.push([
      { kind: 'voting', at: ago(7), by: '居委会', note: '「3号楼加装电梯方案表决」付诸表决', link: { page: 'motion', id: M.elevator } },
      { kind: 'decided', at: elevatorClosed, by: '系统', note: `「3号楼加装电梯方案表决」${elevatorResult.summary}`, link: { page: 'motion', id: M.elevator } },
      { kind: 'tasked', at: ago(3), by: '居委会', note: '落实为办事项目「3号楼加装电梯施工」', link: { page: 'task', id: T.elevatorWorks } },
    ]),
  })
  return documents
}

export const SEED_OBJECTIONS = {
  answered: objectionId(SEED_NOTICES.elevator, membershipId(C, neighbours()[11].openid)),
  pending: objectionId(SEED_NOTICES.spending, membershipId(C, neighbours()[6].openid)),
}
