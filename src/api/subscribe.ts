import Taro from '@tarojs/taro'
import { call } from './index'
import type { ActionInput } from './types'

/** The subscribe-message templates the server knows (subscription.status lists them with their WeChat ids). */
export type TemplateKey = ActionInput<'subscription.record'>['accepted'][number]

// WeChat opens its consent sheet only inside a tap's own call stack, not after an
// await of the network, so the template ids are read ahead (prepareSubscribe on
// the page's mount) and kept for the session.
let templateIds: Map<string, string> | null = null
let loading: Promise<Map<string, string> | null> | null = null

function loadTemplateIds(): Promise<Map<string, string> | null> {
  if (templateIds) return Promise.resolve(templateIds)
  loading ??= call('subscription.status', {})
    .then((status) => (templateIds = new Map(status.templates.map((t) => [t.key, t.templateId]))))
    .catch(() => null)
    .finally(() => {
      loading = null
    })
  return loading
}

/** Reads the template ids ahead of a tap that will ask for consent; a no-op outside WeChat. */
export function prepareSubscribe(): void {
  if (process.env.TARO_ENV === 'weapp') void loadTemplateIds()
}

/**
 * Asks for one-time subscribe-message consent at a natural moment (raising a
 * matter, registering for a meeting, before a vote): WeChat shows its own sheet,
 * and each template the person accepts lets the server send one message. What
 * was accepted is reported with subscription.record. Never throws and never
 * blocks the action it accompanies: the message centre has the news either way.
 * H5 has no WeChat, so nothing is asked or reported there.
 */
export async function askSubscribe(keys: TemplateKey[]): Promise<TemplateKey[]> {
  if (process.env.TARO_ENV !== 'weapp' || keys.length === 0) return []
  try {
    const ids = templateIds ?? (await loadTemplateIds())
    if (!ids) return []
    // WeChat shows at most 3 templates in one sheet.
    const wanted = keys.filter((key) => ids.has(key)).slice(0, 3)
    if (wanted.length === 0) return []
    const res = (await Taro.requestSubscribeMessage({ tmplIds: wanted.map((key) => ids.get(key)!) } as never)) as unknown as Record<string, string>
    const accepted = wanted.filter((key) => res[ids.get(key)!] === 'accept')
    if (accepted.length > 0) await call('subscription.record', { accepted })
    return accepted
  } catch {
    // Declined, banned in settings, or an old WeChat: the action goes ahead regardless.
    return []
  }
}
