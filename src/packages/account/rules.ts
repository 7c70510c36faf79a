// Rules and texts shared by the account pages (join, profile, household).

// Where an invite code can come from: the page's own options (a shared link
// `?invite=LJ2026`, or the `scene` of the community's mini-program code, which
// WeChat passes URL-encoded: `invite%3DLJ2026`), or what the camera read.

const CODE = /^[A-Za-z0-9]{4,16}$/

function decode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** The invite code in a scene, a path with a query, or the bare code; '' when none. */
export function inviteFromText(raw: string | undefined | null): string {
  if (!raw) return ''
  // A scanned path may carry the scene encoded once more.
  const text = decode(decode(raw)).trim()
  const named = /(?:^|[?&#]|scene=)invite=([A-Za-z0-9]{4,16})/.exec(text)
  if (named) return named[1].toUpperCase()
  return CODE.test(text) ? text.toUpperCase() : ''
}

export function inviteFromOptions(params: Record<string, string | undefined>): string {
  return inviteFromText(params.scene) || inviteFromText(params.invite) || inviteFromText(params.code)
}

/** The server's own rule, checked first for a friendlier message. */
export function inviteProblem(code: string): string | null {
  if (!code.trim()) return '请填写邀请码'
  return CODE.test(code.trim()) ? null : '邀请码是 4 到 16 位字母或数字'
}

/** Mainland mobile numbers, as the server checks them (me.setContact). */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/

/** Why real name and phone are asked, shown wherever they are. */
export const CONTACT_REASON = '仅用于居委会或楼栋长核实住户，只有居委会可见'

export function nicknameProblem(nickname: string): string | null {
  const length = [...nickname.trim()].length
  if (length === 0) return '请填写昵称'
  return length > 20 ? '昵称最多 20 个字' : null
}

/** Real name and phone are optional; when given they must look right. */
export function contactProblem(realName: string, phone: string): string | null {
  if ([...realName.trim()].length > 20) return '姓名最多 20 个字'
  if (phone.trim() && !PHONE_PATTERN.test(phone.trim())) return '请填写 11 位手机号'
  return null
}
