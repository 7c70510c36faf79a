import { assistInput, assistProblem, emptyChoice } from './choice'

const DAY = 86_400_000

describe('代办: whom for, and how and when they agreed', () => {
  it('says what is missing before a lead may act, in order', () => {
    const c = emptyChoice()
    expect(assistProblem(c)).toBe('请先选择为哪位居民代办')
    expect(assistProblem({ ...c, memberId: 'c_x:b1-1-101' })).toBe('请选择本人如何同意')
    expect(assistProblem({ ...c, memberId: 'c_x:b1-1-101', method: 'written' })).toBeNull()
  })

  it('refuses a consent from the future or older than the 30 days the server accepts', () => {
    const c = { ...emptyChoice(), memberId: 'm', method: 'phone' as const }
    expect(assistProblem({ ...c, at: new Date(Date.now() + 2 * 3_600_000).toISOString() })).toBe('同意的时间不能晚于现在')
    expect(assistProblem({ ...c, at: new Date(Date.now() - 31 * DAY).toISOString() })).toMatch(/超过 30 天/)
    expect(assistProblem({ ...c, at: new Date(Date.now() - 29 * DAY).toISOString() })).toBeNull()
  })

  it('sends the consent with its time and a trimmed note, none when blank', () => {
    const at = new Date(Date.now() - 3_600_000).toISOString()
    expect(assistInput({ memberId: 'm', name: '林*华', method: 'family', at, note: '  女儿同意 ' })).toEqual({ memberId: 'm', consent: { method: 'family', at, note: '女儿同意' } })
    expect(assistInput({ memberId: 'm', name: null, method: 'inPerson', at, note: '  ' }).consent).toEqual({ method: 'inPerson', at })
  })
})
