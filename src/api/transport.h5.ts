import { ApiError, INTERNAL_MESSAGE, networkError } from './errors'
import { goToDevLogin, personaOpenid } from './persona'
import type { Envelope, Transport } from './types'

/** Local transport: the gateway runs the same `api` handler behind POST /api. */
export const send: Transport = async (request) => {
  const openid = personaOpenid()
  if (!openid) {
    goToDevLogin()
    throw new ApiError('UNAUTHENTICATED', '请先选择一个演示身份')
  }

  let res: Response
  try {
    res = await fetch('/api', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Dev-Openid': openid },
      body: JSON.stringify(request),
    })
  } catch {
    throw networkError()
  }

  try {
    return (await res.json()) as Envelope<unknown>
  } catch {
    // Not JSON: a proxy or a stopped gateway answered, not our handler.
    throw res.ok ? new ApiError('INTERNAL', INTERNAL_MESSAGE) : networkError()
  }
}
