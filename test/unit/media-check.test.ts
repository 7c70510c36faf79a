/**
 * The image check's edges that need no database: the request WeChat receives, reading
 * its answer, telling a WeChat push from a user's call, and the local judge.
 */
import { classifyInvocation } from '../../cloudfunctions/api/src/index'
import { mediaCheckRequest, mediaCheckTraceId, openApiBody } from '../../cloudfunctions/api/src/platform/wechat'
import { judgeImage, REVIEW_MARKER } from '../../local/wechat'

describe('security.mediaCheckAsync', () => {
  it('asks version 2 to check an image (media_type 2) by URL for the author, in the forum scene by default', () => {
    expect(mediaCheckRequest({ openid: 'o-1', mediaUrl: 'https://x.tcb.qcloud.la/a.jpg?sign=1' })).toEqual({
      media_url: 'https://x.tcb.qcloud.la/a.jpg?sign=1',
      media_type: 2,
      version: 2,
      openid: 'o-1',
      scene: 3,
    })
    expect(mediaCheckRequest({ openid: 'o-1', mediaUrl: 'https://a/b.png', scene: 2 }).scene).toBe(2)
  })

  it('reads the trace id from the answer (HTTPS spelling or cloud-call spelling) and refuses an error', () => {
    expect(mediaCheckTraceId(openApiBody({ result: '{"errcode":0,"errmsg":"ok","trace_id":"690b03d2-301f6111-35ffbd44"}' }))).toBe('690b03d2-301f6111-35ffbd44')
    expect(mediaCheckTraceId(openApiBody({ result: { errCode: 0, traceId: 'abc' } }))).toBe('abc')
    expect(() => mediaCheckTraceId({ errcode: 40001, errmsg: 'invalid credential' })).toThrow(/40001/)
    expect(() => mediaCheckTraceId({ errcode: 0 })).toThrow()
  })
})

describe('telling a WeChat push from a user call', () => {
  const push = { MsgType: 'event', Event: 'wxa_media_check', trace_id: 't', result: { suggest: 'risky' } }
  it('takes a push shape as a push only when no hop of the source is one a user originates', () => {
    expect(classifyInvocation(push, {})).toBe('push')
    expect(classifyInvocation(push, { TCB_SOURCE: 'wx_unknown' })).toBe('push')
    for (const source of ['wx_client', 'wx_devtools', 'wx_localdebug', 'wx_http', 'wx_client,scf']) expect(classifyInvocation(push, { TCB_SOURCE: source })).toBe('call')
  })
  it('never takes an event naming an action for a push, and treats timers alike', () => {
    expect(classifyInvocation({ ...push, action: 'system.ping' }, {})).toBe('call')
    expect(classifyInvocation({ action: 'system.ping' }, {})).toBe('call')
    expect(classifyInvocation({ Type: 'Timer', TriggerName: 'minutely' }, { TCB_SOURCE: 'wx_trigger' })).toBe('timer')
    expect(classifyInvocation({ Type: 'Timer', TriggerName: 'minutely' }, { TCB_SOURCE: 'wx_client' })).toBe('call')
  })
  it("reads the SDK's older context format, where a comma-separated source arrives as an array", () => {
    expect(classifyInvocation(push, { TCB_SOURCE: ['wx_client', 'scf'] })).toBe('call')
    expect(classifyInvocation({ Type: 'Timer', TriggerName: 'minutely' }, { TCB_SOURCE: ['wx_client', 'scf'] })).toBe('call')
  })
  it('never runs a timer for an invocation that names a WeChat user', () => {
    expect(classifyInvocation({ Type: 'Timer', TriggerName: 'minutely' }, { WX_OPENID: 'o-someone' })).toBe('call')
  })
})

describe('the local image judge', () => {
  it('finds a risky word or the review marker in a file’s name or bytes', () => {
    expect(judgeImage('uploads/a.jpg\n违禁测试词', ['违禁测试词']).suggest).toBe('risky')
    expect(judgeImage(`uploads/${REVIEW_MARKER}.jpg\n`, ['违禁测试词']).suggest).toBe('review')
    expect(judgeImage('uploads/a.jpg\n\u0089PNG', ['违禁测试词'])).toEqual({ suggest: 'pass', label: '100' })
  })
})
