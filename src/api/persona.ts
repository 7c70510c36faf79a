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

export function goToDevLogin(): void {
  window.location.assign(DEV_LOGIN_PATH)
}
