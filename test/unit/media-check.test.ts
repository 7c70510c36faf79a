/**
 * The image check's edges that need no database: the request WeChat receives, reading
 * its answer, telling a WeChat push from a user's call, and the local judge.
 */
import { classifyInvocation, pushSources } from '../../cloudfunctions/api/src/index'
import { readMediaSubmission } from '../../cloudfunctions/api/src/platform/moderation'
import { mediaCheckRequest, openApiBody } from '../../cloudfunctions/api/src/platform/wechat'
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

  it('reads the trace id from the answer (HTTPS spelling or cloud-call spelling), and anything else as no submission', () => {
    expect(readMediaSubmission(openApiBody({ result: '{"errcode":0,"errmsg":"ok","trace_id":"690b03d2-301f6111-35ffbd44"}' }))).toMatchObject({ outcome: 'pass', traceId: '690b03d2-301f6111-35ffbd44' })
    expect(readMediaSubmission(openApiBody({ result: { errCode: 0, traceId: 'abc' } }))).toMatchObject({ outcome: 'pass', traceId: 'abc' })
    expect(readMediaSubmission({ errcode: 40001, errmsg: 'invalid credential' })).toMatchObject({ outcome: 'system', errcode: 40001 })
    expect(readMediaSubmission({ errcode: 45009, errmsg: 'reach max api daily quota limit' })).toMatchObject({ outcome: 'quota' })
    expect(readMediaSubmission({ errcode: 0 }).outcome).toBe('malformed')
    expect(readMediaSubmission(openApiBody({ code: 'SYS_ERR', message: 'failed' })).outcome).toBe('malformed')
  })
})

describe('telling a genuine timer or push from a call, by an allowlist of sources', () => {
  const push = { MsgType: 'event', Event: 'wxa_media_check', trace_id: 't', result: { suggest: 'risky' } }
  const timer = { Type: 'Timer', TriggerName: 'frequent' }
  const configured = ['wx_msgpush']
  it('takes a push shape as a push only from exactly a configured push source', () => {
    expect(classifyInvocation(push, { TCB_SOURCE: 'wx_msgpush' }, configured)).toBe('push')
    for (const source of [undefined, '', 'wx_unknown', 'web', 'wx_http', 'wx_client', 'wx_devtools', 'wx_msgpush,scf', 'wx_client,wx_msgpush']) {
      expect(classifyInvocation(push, { TCB_SOURCE: source }, configured)).toBe('call')
    }
    // Nothing is trusted by default.
    expect(classifyInvocation(push, { TCB_SOURCE: 'wx_msgpush' }, [])).toBe('call')
  })
  it('never takes an event naming an action for a push', () => {
    expect(classifyInvocation({ ...push, action: 'system.ping' }, { TCB_SOURCE: 'wx_msgpush' }, configured)).toBe('call')
    expect(classifyInvocation({ action: 'system.ping' }, {}, configured)).toBe('call')
  })
  it("runs a timer only from WeChat's timer source, for a trigger config.json declares, naming no user", () => {
    expect(classifyInvocation(timer, { TCB_SOURCE: 'wx_trigger' })).toBe('timer')
    // The hourly trigger is gone (its jobs moved onto the 10-minute trigger's alarm): its name is refused like any other.
    expect(classifyInvocation({ Type: 'Timer', TriggerName: 'hourly' }, { TCB_SOURCE: 'wx_trigger' })).toBe('call')
    expect(classifyInvocation({ Type: 'Timer', TriggerName: 'nightly' }, { TCB_SOURCE: 'wx_trigger' })).toBe('call')
    for (const source of [undefined, 'wx_unknown', 'web', 'wx_http', 'wx_client', 'wx_trigger,scf']) {
      expect(classifyInvocation(timer, { TCB_SOURCE: source })).toBe('call')
    }
    expect(classifyInvocation(timer, { TCB_SOURCE: 'wx_trigger', WX_OPENID: 'o-someone' })).toBe('call')
  })
  it("reads the SDK's older context format, where a comma-separated source arrives as an array", () => {
    expect(classifyInvocation(push, { TCB_SOURCE: ['wx_msgpush', 'scf'] }, configured)).toBe('call')
    expect(classifyInvocation(timer, { TCB_SOURCE: ['wx_trigger', 'scf'] })).toBe('call')
  })
  it('never lets a user source be configured as a push source', () => {
    expect(pushSources({ WX_PUSH_SOURCES: 'wx_client, wx_msgpush ,wx_devtools,' })).toEqual(['wx_msgpush'])
    expect(pushSources({})).toEqual([])
  })
})

describe('the local image judge', () => {
  it('finds a risky word or the review marker in a file’s name or bytes', () => {
    expect(judgeImage('uploads/a.jpg\n违禁测试词', ['违禁测试词']).suggest).toBe('risky')
    expect(judgeImage(`uploads/${REVIEW_MARKER}.jpg\n`, ['违禁测试词']).suggest).toBe('review')
    expect(judgeImage('uploads/a.jpg\n\u0089PNG', ['违禁测试词'])).toEqual({ suggest: 'pass', label: '100' })
  })
})
