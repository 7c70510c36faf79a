/**
 * Shared input pieces and the translation of zod's complaints into Chinese a
 * resident can act on. Every action input is a strict object: unknown keys are refused.
 */
import { z } from 'zod'

/** Document ids: our deterministic ids and CloudBase's generated ones. */
export const id = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9:_.-]+$/, '编号格式不对')

/** Free text a person writes; trimmed, never empty, bounded. */
export const text = (max: number, min = 1) => z.string().trim().min(min).max(max)

export const limit = (max = 50, fallback = 20) => z.number().int().min(1).max(max).default(fallback)

export const cursor = z.string().max(200).optional()

/** A cloud-storage file id the client uploaded first; actions carry ids, never bytes. */
export const fileId = z
  .string()
  .max(500)
  .regex(/^cloud:\/\/[^\s]+$/, '图片需先上传')

const typeNames: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '是/否',
  object: '对象',
  array: '列表',
  date: '日期',
}

function fieldName(path: PropertyKey[]): string {
  return path.length ? `「${path.map(String).join('.')}」` : '参数'
}

/** One Chinese sentence per problem, joined; the first problems are enough to act on. */
export function describeZodError(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const field = fieldName(issue.path)
    // A schema's own Chinese message (e.g. on a regex) says it best.
    if (/[\u4e00-\u9fa5]/.test(issue.message)) return `${field}${issue.message}`
    switch (issue.code) {
      case 'unrecognized_keys':
        return `不认识的字段：${issue.keys.join('、')}`
      case 'invalid_type':
        if (/received undefined$/.test(issue.message)) return `缺少${field}`
        return `${field}应为${typeNames[issue.expected] ?? issue.expected}`
      case 'too_big':
        return issue.origin === 'string'
          ? `${field}最多 ${issue.maximum} 个字`
          : issue.origin === 'array'
            ? `${field}最多 ${issue.maximum} 项`
            : `${field}不能大于 ${issue.maximum}`
      case 'too_small':
        return issue.origin === 'string'
          ? Number(issue.minimum) <= 1
            ? `${field}不能为空`
            : `${field}至少 ${issue.minimum} 个字`
          : issue.origin === 'array'
            ? `${field}至少 ${issue.minimum} 项`
            : `${field}不能小于 ${issue.minimum}`
      case 'invalid_value':
        return `${field}只能是：${issue.values.map(String).join(' / ')}`
      case 'invalid_format':
        return `${field}格式不对`
      default:
        return `${field}不正确`
    }
  })
  return parts.join('；')
}
