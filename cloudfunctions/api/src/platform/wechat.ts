/**
 * The WeChat open APIs the function uses, behind one small port. Production talks to
 * WeChat through CloudBase (`callWxOpenApi`); the local gateway supplies a port with a
 * word list, an outbox and PNG QR codes. Handlers only see this interface.
 */
import type { CloudBase } from '@cloudbase/node-sdk'

export interface SubscribeMessage {
  touser: string
  templateId: string
  page?: string
  data: Record<string, { value: string }>
}

export interface WechatPort {
  /** true when the text may be published (WeChat errcode 87014 means risky content) */
  msgSecCheck(input: { openid: string; content: string }): Promise<{ pass: boolean; label?: string }>
  sendSubscribeMessage(msg: SubscribeMessage): Promise<{ sent: boolean; errcode?: number }>
  /** an unlimited mini-program code whose scene carries a short string, as PNG bytes */
  getUnlimitedQrCode(input: { scene: string; page?: string }): Promise<Buffer>
  /**
   * Submits an image to WeChat's asynchronous check (security.mediaCheckAsync, version 2).
   * The verdict comes later as a `wxa_media_check` message push carrying the same trace id
   * (see platform/media.ts). `mediaUrl` must be an http(s) URL WeChat can download.
   */
  mediaCheckAsync(input: MediaCheckInput): Promise<{ traceId: string }>
}

export interface MediaCheckInput {
  /** the author: WeChat wants a user who used the mini-program in the last two hours */
  openid: string
  mediaUrl: string
  /** 1 资料, 2 评论, 3 论坛, 4 社交日志 */
  scene?: 1 | 2 | 3 | 4
}

/** The request body of security.mediaCheckAsync version 2 for one image (media_type 2). */
export function mediaCheckRequest({ openid, mediaUrl, scene = 3 }: MediaCheckInput) {
  return { media_url: mediaUrl, media_type: 2, version: 2, openid, scene }
}

/* eslint-disable @typescript-eslint/no-explicit-any */
/** WeChat's JSON inside callWxOpenApi's answer (`result`, parsed by the SDK or still a string). */
export const openApiBody = (res: any): any => (typeof res?.result === 'string' ? JSON.parse(res.result) : (res?.result ?? res))

/** The trace id of an accepted mediaCheckAsync request; HTTPS calls answer `trace_id`, cloud calls have been seen answering `traceId`. */
export function mediaCheckTraceId(body: any): string {
  const traceId = body?.trace_id ?? body?.traceId
  if ((body?.errcode && body.errcode !== 0) || typeof traceId !== 'string' || !traceId) {
    throw new Error(`security.mediaCheckAsync refused: ${body?.errcode ?? '?'} ${body?.errmsg ?? ''}`.trim())
  }
  return traceId
}

export function cloudWechatPort(app: CloudBase): WechatPort {
  const call = (apiName: string, requestData: Record<string, unknown>) =>
    app.callWxOpenApi({ apiName, requestData } as any) as Promise<any>
  return {
    async msgSecCheck({ openid, content }) {
      const res = await call('security.msgSecCheck', { openid, scene: 2, version: 2, content })
      const body = openApiBody(res)
      if (body?.errcode === 87014) return { pass: false, label: 'risky' }
      const suggest = body?.result?.suggest
      return { pass: !suggest || suggest === 'pass', label: body?.result?.label?.toString() }
    },
    async sendSubscribeMessage(msg) {
      const res = await call('subscribeMessage.send', msg as unknown as Record<string, unknown>)
      const body = openApiBody(res)
      return { sent: !body?.errcode, errcode: body?.errcode }
    },
    async getUnlimitedQrCode({ scene, page }) {
      const res = await call('wxacode.getUnlimited', { scene, page, check_path: false })
      return Buffer.from(res?.result ?? res?.buffer ?? [])
    },
    async mediaCheckAsync(input) {
      const res = await call('security.mediaCheckAsync', mediaCheckRequest(input))
      return { traceId: mediaCheckTraceId(openApiBody(res)) }
    },
  }
}
