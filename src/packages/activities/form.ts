// The 活动 forms' rules, pure (no Taro, no React), so form.test.ts reads them: what
// the organiser's custom fields become, and what a sign-up's answers must be.
import type { CustomField } from './types'

/** One question the sign-up form asks, as the organiser writes it (options as one line, split on 、 or ,). */
export interface FieldDraft {
  label: string
  type: 'text' | 'number' | 'phone' | 'choice'
  required: boolean
  options: string
}

export const MAX_FIELDS = 10

/** The options of a choice, from what the organiser typed: 、，, or spaces between them. */
export const splitOptions = (text: string) =>
  text
    .split(/[、，,；;\s]+/)
    .map((o) => o.trim())
    .filter(Boolean)

/** What the server takes (activity.create `fields`), or the first problem to show. */
export function fieldsInput(drafts: FieldDraft[]): { fields: Array<{ label: string; type: FieldDraft['type']; required: boolean; options?: string[] }> } | { problem: string } {
  const fields = []
  for (const [i, d] of drafts.entries()) {
    const label = d.label.trim()
    if (!label) return { problem: `第 ${i + 1} 个报名栏目还没有名称` }
    if (d.type !== 'choice') {
      fields.push({ label, type: d.type, required: d.required })
      continue
    }
    const options = [...new Set(splitOptions(d.options))]
    if (options.length < 2) return { problem: `「${label}」是单选，请写至少 2 个选项，用顿号隔开` }
    if (options.length > 10) return { problem: `「${label}」最多 10 个选项` }
    fields.push({ label, type: d.type, required: d.required, options })
  }
  return { fields }
}

/** The answers as activity.signup takes them: one per field answered. */
export type Answers = Array<{ field: string; value: string | number }>

/** What a field's answer must be, said before the server is asked (it checks again). */
export function answerProblem(field: CustomField, raw: string): string | null {
  const value = raw.trim()
  if (!value) return field.required ? `请填写「${field.label}」` : null
  if (field.type === 'number' && !/^\d{1,6}$/.test(value)) return `「${field.label}」请填数字`
  if (field.type === 'phone' && !/^1[3-9]\d{9}$/.test(value)) return `「${field.label}」请填 11 位手机号`
  if (field.type === 'choice' && !(field.options ?? []).includes(value)) return `请选择「${field.label}」`
  return null
}

/** The answers as the server takes them: numbers as numbers, empty optional fields left out. */
export function answersOf(fields: CustomField[], raw: Record<string, string>): Answers {
  return fields.flatMap((field) => {
    const value = (raw[field.id] ?? '').trim()
    return value ? [{ field: field.id, value: field.type === 'number' ? Number(value) : value }] : []
  })
}
