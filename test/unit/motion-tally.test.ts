/** 表决 outcomes exactly as configured: each pass rule at its boundary, ties, abstentions and quorum; and the satisfaction bar. */
import { yuan } from '../../cloudfunctions/api/src/modules/council/tasks'
import { belowBar, satisfactionRate, tallyMotion, YES_NO, type TallyConfig } from '../../cloudfunctions/api/src/modules/council/rules'

const yesNo = (rule: TallyConfig['rule'], quorumPercent = 0): TallyConfig => ({ kind: 'yesNo', options: YES_NO, rule, quorumPercent })
const choice = (rule: TallyConfig['rule'], n = 3): TallyConfig => ({ kind: 'choice', options: ['北侧', '南侧', '东侧'].slice(0, n), rule, quorumPercent: 0 })

describe('simple majority (过半数)', () => {
  it('passes with more than half of the ballots cast', () => {
    expect(tallyMotion(yesNo('simple'), [6, 4, 0], 20)).toMatchObject({ outcome: 'passed', cast: 10, leading: 0 })
  })
  it('fails at exactly half: a tie between 赞成 and 反对 decides nothing', () => {
    expect(tallyMotion(yesNo('simple'), [5, 5, 0], 20)).toMatchObject({ outcome: 'tie', leading: null })
  })
  it('counts abstentions as cast but not as agreeing', () => {
    // 5 of 10 cast: 赞成 leads but is not more than half once the 3 abstentions count.
    expect(tallyMotion(yesNo('simple'), [5, 2, 3], 20)).toMatchObject({ outcome: 'rejected', cast: 10, leading: 0 })
    expect(tallyMotion(yesNo('simple'), [6, 2, 3], 20)).toMatchObject({ outcome: 'passed', cast: 11 })
  })
  it('never lets 弃权 win', () => {
    expect(tallyMotion(yesNo('simple'), [1, 0, 9], 20)).toMatchObject({ outcome: 'rejected', leading: 0 })
  })
  it('rejects when 反对 leads', () => {
    expect(tallyMotion(yesNo('simple'), [3, 7, 0], 20)).toMatchObject({ outcome: 'rejected', leading: 1 })
  })
})

describe('two thirds (三分之二以上)', () => {
  it('includes the boundary: exactly two thirds passes', () => {
    expect(tallyMotion(yesNo('twoThirds'), [6, 3, 0], 20)).toMatchObject({ outcome: 'passed' })
  })
  it('fails just below it, abstentions in the denominator', () => {
    expect(tallyMotion(yesNo('twoThirds'), [6, 2, 1], 20)).toMatchObject({ outcome: 'passed' })
    expect(tallyMotion(yesNo('twoThirds'), [6, 2, 2], 20)).toMatchObject({ outcome: 'rejected' })
    expect(tallyMotion(yesNo('twoThirds'), [65, 35, 0], 200)).toMatchObject({ outcome: 'rejected' })
  })
})

describe('double majority (双过半)', () => {
  it('needs more than half of the eligible to take part', () => {
    expect(tallyMotion(yesNo('double'), [10, 0, 0], 20)).toMatchObject({ outcome: 'noQuorum', quorumMet: false })
    expect(tallyMotion(yesNo('double'), [11, 0, 0], 20)).toMatchObject({ outcome: 'passed', turnoutPercent: 55 })
  })
  it('and more than half of those voting to agree, abstentions counted as voting', () => {
    expect(tallyMotion(yesNo('double'), [6, 3, 3], 20)).toMatchObject({ outcome: 'rejected', quorumMet: true })
    expect(tallyMotion(yesNo('double'), [7, 3, 2], 20)).toMatchObject({ outcome: 'passed' })
  })
  it('fails a tie', () => {
    expect(tallyMotion(yesNo('double'), [6, 6, 0], 20)).toMatchObject({ outcome: 'tie' })
  })
})

describe('双三分之二 (a lift for one building: households of that building)', () => {
  it('needs two thirds of the eligible to take part, exactly two thirds included', () => {
    // 9 households: 5 taking part is short of two thirds; 6 is exactly two thirds.
    expect(tallyMotion(yesNo('doubleTwoThirds'), [5, 0, 0], 9)).toMatchObject({ outcome: 'noQuorum', quorumMet: false, summary: expect.stringContaining('未达三分之二') })
    expect(tallyMotion(yesNo('doubleTwoThirds'), [6, 0, 0], 9)).toMatchObject({ outcome: 'passed', quorumMet: true })
    // 3 households, 2 taking part: two thirds, where a 67 % quorum would have refused it.
    expect(tallyMotion(yesNo('doubleTwoThirds'), [2, 0, 0], 3)).toMatchObject({ outcome: 'passed' })
  })
  it('and two thirds of those taking part to agree', () => {
    expect(tallyMotion(yesNo('doubleTwoThirds'), [4, 2, 0], 9)).toMatchObject({ outcome: 'passed', summary: expect.stringContaining('双三分之二') })
    expect(tallyMotion(yesNo('doubleTwoThirds'), [4, 2, 1], 9)).toMatchObject({ outcome: 'rejected', quorumMet: true })
  })
})

describe('quorum', () => {
  it('applies on top of the rule, at the boundary inclusive', () => {
    expect(tallyMotion(yesNo('simple', 50), [9, 0, 0], 20)).toMatchObject({ outcome: 'noQuorum' })
    expect(tallyMotion(yesNo('simple', 50), [10, 0, 0], 20)).toMatchObject({ outcome: 'passed', turnoutPercent: 50 })
  })
  it('is never met with no ballots at all', () => {
    expect(tallyMotion(yesNo('simple'), [0, 0, 0], 20)).toMatchObject({ outcome: 'noQuorum', cast: 0 })
  })
})

describe('a list of options', () => {
  it('chooses the option with more than half', () => {
    expect(tallyMotion(choice('simple'), [6, 3, 2], 20)).toMatchObject({ outcome: 'passed', chosen: '北侧' })
  })
  it('decides nothing when the leader has only a plurality', () => {
    expect(tallyMotion(choice('simple'), [5, 4, 2], 20)).toMatchObject({ outcome: 'rejected', chosen: null, leading: 0 })
  })
  it('decides nothing on a tie for the lead', () => {
    expect(tallyMotion(choice('simple'), [4, 4, 1], 20)).toMatchObject({ outcome: 'tie', chosen: null })
  })
  it('says so in Chinese', () => {
    expect(tallyMotion(choice('twoThirds', 2), [8, 4], 20).summary).toBe('共 12 票，「北侧」8 票，占 66.7%，达到三分之二以上同意，选定「北侧」')
  })
})

describe('the satisfaction bar', () => {
  it('is 满意 + 基本满意 over all ratings', () => {
    expect(satisfactionRate({ satisfied: 3, basic: 1, unsatisfied: 1 })).toBe(0.8)
    expect(satisfactionRate({ satisfied: 0, basic: 0, unsatisfied: 0 })).toBeNull()
  })
  it('applies only from 5 ratings, and strictly below the bar', () => {
    expect(belowBar({ satisfied: 0, basic: 0, unsatisfied: 4 }, 0.8)).toBe(false)
    expect(belowBar({ satisfied: 3, basic: 1, unsatisfied: 1 }, 0.8)).toBe(false)
    expect(belowBar({ satisfied: 2, basic: 1, unsatisfied: 2 }, 0.8)).toBe(true)
    expect(belowBar({ satisfied: 7, basic: 0, unsatisfied: 3 }, 0.7)).toBe(false)
  })
})

describe('money in fen', () => {
  it('reads as yuan with two decimals, an overspend with its sign', () => {
    expect(yuan(2_000_000)).toBe('20000.00 元')
    expect(yuan(5)).toBe('0.05 元')
    expect(yuan(-150)).toBe('-1.50 元')
  })
})
