// H5 only: the local gateway knows who is calling from the demo persona picked on
// its /dev/login page, which stores the openid under this key (raw string, not
// Taro's storage format) and then returns to `/`.

export const DEV_LOGIN_PATH = '/dev/login'
const PERSONA_KEY = 'devOpenid'

export function personaOpenid(): string | null {
  try {
    return window.localStorage.getItem(PERSONA_KEY) || null
  } catch {
    return null
  }
}

/**
 * The local demo's developer aids (the persona switcher on 我的, pasting a code where
 * a phone would scan it) show only here: the H5 build signed in through the gateway's
 * persona picker, never in WeChat.
 */
export function localDevTools(): boolean {
  return process.env.TARO_ENV === 'h5' && personaOpenid() !== null
}

export function goToDevLogin(): void {
  window.location.assign(DEV_LOGIN_PATH)
}
