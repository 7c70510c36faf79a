/**
 * Public views show masked names and never another person's phone or openid.
 * `张三华` → `张*华`, `张三` → `张*`, `欧阳娜娜` → `欧**娜`; phones keep the last four digits.
 */
export function maskName(name: string | null | undefined): string {
  const chars = [...(name ?? '').trim()]
  if (chars.length === 0) return '邻居'
  if (chars.length === 1) return `${chars[0]}*`
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****'
}

/** Mainland mobile numbers: 11 digits starting with 1. */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/
