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
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export function cloudWechatPort(app: CloudBase): WechatPort {
  const call = (apiName: string, requestData: Record<string, unknown>) =>
    app.callWxOpenApi({ apiName, requestData } as any) as Promise<any>
  return {
    async msgSecCheck({ openid, content }) {
      const res = await call('security.msgSecCheck', { openid, scene: 2, version: 2, content })
      const body = typeof res?.result === 'string' ? JSON.parse(res.result) : (res?.result ?? res)
      if (body?.errcode === 87014) return { pass: false, label: 'risky' }
      const suggest = body?.result?.suggest
      return { pass: !suggest || suggest === 'pass', label: body?.result?.label?.toString() }
    },
    async sendSubscribeMessage(msg) {
      const res = await call('subscribeMessage.send', msg as unknown as Record<string, unknown>)
      const body = typeof res?.result === 'string' ? JSON.parse(res.result) : (res?.result ?? res)
      return { sent: !body?.errcode, errcode: body?.errcode }
    },
    async getUnlimitedQrCode({ scene, page }) {
      const res = await call('wxacode.getUnlimited', { scene, page, check_path: false })
      return Buffer.from(res?.result ?? res?.buffer ?? [])
    },
  }
}
