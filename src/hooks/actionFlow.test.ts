import { ApiError } from '../api/errors'
import { performAction, type ActionSteps, type ConfirmSpec, type Feedback } from './actionFlow'

/** WeChat's modal and toasts as a person would meet them, in order; `answer` is what they tap. */
function phone(answer = true) {
  const seen: string[] = []
  const feedback: Feedback = {
    confirm: async (spec: ConfirmSpec) => {
      seen.push(`confirm ${spec.title}: ${spec.confirmText ?? '确定'}`)
      return answer
    },
    done: (title) => seen.push(`toast ✓ ${title}`),
    fail: (error) => seen.push(`toast ${error.message}`),
  }
  return { seen, feedback }
}

type Input = { issueId: string }
type Output = { promoted: boolean }

function server(result: Output | ApiError, seen: string[]) {
  return async (input: Input): Promise<Output> => {
    seen.push(`send ${input.issueId}`)
    if (result instanceof ApiError) throw result
    return result
  }
}

describe('an action a person triggers', () => {
  it('asks first, sends, tells how it went, then reads the page again', async () => {
    const { seen, feedback } = phone(true)
    const steps: ActionSteps<Input, Output> = {
      confirm: { title: '附议', content: '确定附议？', confirmText: '附议' },
      before: async () => void seen.push('subscribe'),
      onDone: () => void seen.push('close dialog'),
      done: (res) => (res.promoted ? '已成为候选议题' : '已附议'),
      refresh: [async () => void seen.push('refresh issue'), async () => void seen.push('refresh list')],
    }
    const out = await performAction({ issueId: 'i1' }, server({ promoted: true }, seen), steps, feedback)
    expect(out).toEqual({ promoted: true })
    expect(seen).toEqual(['confirm 附议: 附议', 'subscribe', 'send i1', 'close dialog', 'toast ✓ 已成为候选议题', 'refresh issue', 'refresh list'])
  })

  it('sends nothing when the person says no', async () => {
    const { seen, feedback } = phone(false)
    const out = await performAction({ issueId: 'i1' }, server({ promoted: false }, seen), { confirm: () => ({ title: '撤销', content: '…', confirmText: '撤销' }), done: '已撤销' }, feedback)
    expect(out).toBeUndefined()
    expect(seen).toEqual(['confirm 撤销: 撤销'])
  })

  it('asks only when the confirmation applies to this input', async () => {
    const { seen, feedback } = phone(false)
    await performAction({ issueId: 'same' }, server({ promoted: false }, seen), { confirm: (input) => (input.issueId === 'same' ? null : { title: '更换', content: '…' }), done: '已提交' }, feedback)
    expect(seen).toEqual(['send same', 'toast ✓ 已提交'])
  })

  it("shows the server's own Chinese message when refused, and neither closes, praises nor refreshes", async () => {
    const { seen, feedback } = phone(true)
    const refused = new ApiError('FAILED_PRECONDITION', '这件事已答复，不再接受附议')
    const steps: ActionSteps<Input, Output> = { onDone: () => void seen.push('close dialog'), done: '已附议', refresh: async () => void seen.push('refresh') }
    const out = await performAction({ issueId: 'i1' }, server(refused, seen), steps, feedback)
    expect(out).toBeUndefined()
    expect(seen).toEqual(['send i1', 'toast 这件事已答复，不再接受附议'])
  })

  it('turns an unexpected failure into the calm message, never a stack trace', async () => {
    const { seen, feedback } = phone(true)
    const broken = async (): Promise<Output> => {
      throw new TypeError('x is undefined')
    }
    await performAction({ issueId: 'i1' }, broken, {}, feedback)
    expect(seen).toEqual(['toast 服务出了点问题，请稍后重试'])
  })

  it('lets a page say a refusal its own way, or not at all', async () => {
    const own = phone(true)
    const said: string[] = []
    await performAction({ issueId: 'i1' }, server(new ApiError('NETWORK', '网络不给力'), own.seen), { onError: (e) => said.push(`已加入，但${e.message}`) }, own.feedback)
    expect(said).toEqual(['已加入，但网络不给力'])
    expect(own.seen).toEqual(['send i1'])

    const quiet = phone(true)
    await performAction({ issueId: 'i1' }, server(new ApiError('NETWORK', '网络不给力'), quiet.seen), { onError: 'quiet' }, quiet.feedback)
    expect(quiet.seen).toEqual(['send i1'])
  })
})
