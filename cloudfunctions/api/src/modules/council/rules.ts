/**
 * 表决 and 评事 as pure rules: how a motion's ballots become an outcome, and when a
 * finished task's ratings send it back to the committee. The actions beside this
 * file only gather the counts.
 */

/**
 * How a motion passes. Every share below is of ballots actually cast (an abstention
 * is a ballot cast: it counts towards turnout and in the denominator, never as
 * agreement — so abstaining weighs like not agreeing, as 「到会人员过半数同意」
 * is read in 《村民委员会组织法》). Wording follows 民法典 第1259条: 「以上」
 * includes the boundary, 「过半数」 (more than half) does not.
 *
 * - `simple` 过半数: the leading option has more than half of the ballots cast
 *   (agree × 2 > cast). Exactly half is not a majority: a tie fails.
 * - `twoThirds` 三分之二以上: the leading option has two thirds or more of the
 *   ballots cast (agree × 3 ≥ cast × 2).
 * - `double` 双过半: more than half of the eligible voters (households for a
 *   one-per-household motion) took part (cast × 2 > eligible) AND the leading
 *   option has more than half of the ballots cast (agree × 2 > cast).
 * - `doubleTwoThirds` 双三分之二: two thirds or more of the eligible took part
 *   (cast × 3 ≥ eligible × 2, as 民法典 第278条 asks of the owners voting on a
 *   change to the building, e.g. 加装电梯) AND the leading option has two thirds
 *   or more of the ballots cast (agree × 3 ≥ cast × 2). Exact thirds, which no
 *   whole-number quorumPercent can express.
 *
 * On top of any rule, `quorumPercent` (0–100) asks that at least that share of the
 * eligible took part (cast × 100 ≥ quorum × eligible) — 0 means no quorum.
 *
 * The leading option is the one with the most ballots; two options sharing the
 * most ballots is a tie and nothing is decided. With 赞成/反对/弃权 the motion
 * passes only when 赞成 is the leading option and meets the rule; 弃权 never wins
 * (it is not an answer) — so for yes/no motions the share is 赞成's.
 */
export const PASS_RULES = ['simple', 'twoThirds', 'double', 'doubleTwoThirds'] as const
export type PassRule = (typeof PASS_RULES)[number]
export const PASS_RULE_LABELS: Record<PassRule, string> = {
  simple: '过半数同意',
  twoThirds: '三分之二以上同意',
  double: '双过半',
  doubleTwoThirds: '双三分之二',
}

export const YES_NO = ['赞成', '反对', '弃权'] as const

export interface TallyConfig {
  /** yesNo: options are 赞成/反对/弃权 (index 0 agrees, 2 abstains); choice: a list of 2–10 */
  kind: 'yesNo' | 'choice'
  options: readonly string[]
  rule: PassRule
  quorumPercent: number
}

export type Outcome = 'passed' | 'rejected' | 'noQuorum' | 'tie'

export interface Tally {
  cast: number
  eligible: number
  /** turnout in percent, one decimal */
  turnoutPercent: number
  quorumMet: boolean
  /** index of the leading option (null when none or tied) */
  leading: number | null
  outcome: Outcome
  /** for a choice motion that passed: the option chosen */
  chosen: string | null
  /** one Chinese sentence a resident reads on the decision */
  summary: string
}

export function tallyMotion(config: TallyConfig, counts: readonly number[], eligible: number): Tally {
  if (counts.length !== config.options.length) throw new Error('counts do not match the options')
  const cast = counts.reduce((a, b) => a + b, 0)
  const turnoutPercent = eligible > 0 ? Math.round((cast * 1000) / eligible) / 10 : 0
  const base = { cast, eligible, turnoutPercent }
  const quorumOk = cast * 100 >= config.quorumPercent * eligible && cast > 0
  const doubleOk = config.rule === 'double' ? cast * 2 > eligible : config.rule === 'doubleTwoThirds' ? cast * 3 >= eligible * 2 : true
  const quorumMet = quorumOk && doubleOk
  // 弃权 is never the leading answer of a yes/no motion.
  const candidates = config.kind === 'yesNo' ? [0, 1] : counts.map((_, i) => i)
  const top = Math.max(...candidates.map((i) => counts[i]))
  const leaders = candidates.filter((i) => counts[i] === top)
  const leading = leaders.length === 1 && top > 0 ? leaders[0] : null
  const tally = (outcome: Outcome, summary: string, chosen: string | null = null): Tally => ({ ...base, quorumMet, leading, outcome, chosen, summary })

  if (!quorumMet) {
    const need = !doubleOk ? (config.rule === 'double' ? '参与表决未过半数' : '参与表决未达三分之二') : `参与率 ${turnoutPercent}%，未达到 ${config.quorumPercent}% 的法定人数`
    return tally('noQuorum', `共 ${cast} 票，${need}，表决不生效`)
  }
  if (leading === null) return tally('tie', `共 ${cast} 票，得票最多的选项票数相同，未形成决议`)
  const votes = counts[leading]
  const meets = config.rule === 'twoThirds' || config.rule === 'doubleTwoThirds' ? votes * 3 >= cast * 2 : votes * 2 > cast
  const share = `「${config.options[leading]}」${votes} 票，占 ${Math.round((votes * 1000) / cast) / 10}%`
  if (config.kind === 'yesNo') {
    return leading === 0 && meets
      ? tally('passed', `共 ${cast} 票，${share}，达到${PASS_RULE_LABELS[config.rule]}，表决通过`)
      : tally('rejected', `共 ${cast} 票，「赞成」${counts[0]} 票，未达到${PASS_RULE_LABELS[config.rule]}，表决未通过`)
  }
  return meets
    ? tally('passed', `共 ${cast} 票，${share}，达到${PASS_RULE_LABELS[config.rule]}，选定「${config.options[leading]}」`, config.options[leading])
    : tally('rejected', `共 ${cast} 票，${share}，未达到${PASS_RULE_LABELS[config.rule]}，未形成决议`)
}


/**
 * A satisfaction rate says something only once enough neighbours have rated: with
 * 2 ratings one 不满意 is already 50 %. With five, a single 不满意 leaves 80 %, at the
 * default bar (0.8), so one neighbour's displeasure alone never reopens a task,
 * while two of five (60 %) do; and five is reachable for a task of one building.
 */
export const MIN_RATINGS_FOR_BAR = 5

export interface RatingCounts {
  satisfied: number
  basic: number
  unsatisfied: number
}

/** 满意 + 基本满意 as a share of all ratings (null before anyone rated). */
export function satisfactionRate(c: RatingCounts): number | null {
  const total = c.satisfied + c.basic + c.unsatisfied
  return total === 0 ? null : (c.satisfied + c.basic) / total
}

/** The task goes back to the committee: enough ratings, and the rate below the bar. */
export function belowBar(c: RatingCounts, bar: number): boolean {
  const total = c.satisfied + c.basic + c.unsatisfied
  if (total < MIN_RATINGS_FOR_BAR) return false
  // Integer comparison: (satisfied + basic) / total < bar, without float drift at the boundary.
  return (c.satisfied + c.basic) * 1000 < Math.round(bar * 1000) * total
}
