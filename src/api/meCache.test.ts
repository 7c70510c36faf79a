import { ME_FRESH_MS, meIsLoading, meIsStale, type MeSnapshot } from './meCache'

const snapshot = (over: Partial<MeSnapshot<{ name: string }, Error>>): MeSnapshot<{ name: string }, Error> => ({
  data: undefined,
  error: null,
  inFlight: false,
  receivedAt: null,
  ...over,
})

describe('the shared me', () => {
  it('is asked for on the first page, and shown as loading until it answers', () => {
    expect(meIsStale(snapshot({}), 1000)).toBe(true)
    expect(meIsLoading(snapshot({}))).toBe(true)
  })

  it('is not asked twice while a request is under way', () => {
    expect(meIsStale(snapshot({ inFlight: true }), 1000)).toBe(false)
  })

  it('serves the parts a page mounts right after the answer, then is asked again by the next page', () => {
    const answered = snapshot({ data: { name: '阿明' }, receivedAt: 10_000 })
    expect(meIsStale(answered, 10_000 + ME_FRESH_MS - 1)).toBe(false)
    expect(meIsStale(answered, 10_000 + ME_FRESH_MS)).toBe(true)
    expect(meIsLoading(answered)).toBe(false)
  })

  it('after a failure with nothing to show, stops loading (the page offers a retry) and asks again on the next page', () => {
    const failed = snapshot({ error: new Error('网络不给力') })
    expect(meIsLoading(failed)).toBe(false)
    expect(meIsStale(failed, 1)).toBe(true)
  })
})
