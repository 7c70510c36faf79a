import { cosignLine } from './labels'

describe('co-signs as residents read them', () => {
  it('shows progress towards the threshold only while neighbours can still co-sign', () => {
    expect(cosignLine({ status: 'open', cosigns: 7, cosignThreshold: 10 })).toBe('附议 7/10')
    expect(cosignLine({ status: 'candidate', cosigns: 12, cosignThreshold: 10 })).toBe('附议 12/10')
  })

  it('shows a plain count, or nothing, once the committee has decided', () => {
    expect(cosignLine({ status: 'answered', cosigns: 3, cosignThreshold: 10 })).toBe('3 人附议')
    expect(cosignLine({ status: 'accepted', cosigns: 10, cosignThreshold: 10 })).toBe('10 人附议')
    expect(cosignLine({ status: 'declined', cosigns: 0, cosignThreshold: 10 })).toBeNull()
    expect(cosignLine({ status: 'merged', cosigns: 0, cosignThreshold: 10 })).toBeNull()
  })
})
