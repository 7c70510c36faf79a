import Taro from '@tarojs/taro'
import { ApiError, INTERNAL_MESSAGE, networkError } from './errors'
import type { Transport } from './types'

// wx.cloud reports a function that threw or timed out on the server with this
// code; everything else from callFunction means the request never got through.
const FUNCTION_EXECUTE_FAIL = -504002

/** Production transport: the `api` cloud function; the caller's openid comes from WeChat. */
export const send: Transport = async (request) => {
  try {
    const res = await Taro.cloud.callFunction({ name: 'api', data: { ...request } })
    return res.result as never
  } catch (error) {
    const errCode = (error as { errCode?: number } | null)?.errCode
    if (errCode === FUNCTION_EXECUTE_FAIL) throw new ApiError('INTERNAL', INTERNAL_MESSAGE)
    throw networkError()
  }
}
