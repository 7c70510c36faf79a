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

/**
 * Characters that show nothing or rearrange what is shown around them: format
 * characters (zero-width spaces and joiners, direction marks, overrides and isolates,
 * the byte-order mark, soft hyphens), control characters, and the blanks used for
 * names that look empty (Hangul fillers, the blank Braille pattern, the combining
 * grapheme joiner, variation selectors of no emoji).
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u2800\u3164\uFE00-\uFE0F\uFFA0]/u
/** Direction overrides, isolates and marks: they make text read differently from what it stores. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u
/** What an emoji needs of the above: a joiner between pictographs (👨‍👩‍👧), a presentation selector (❤️). */
const EMOJI_GLUE = /(?<=[\p{Extended_Pictographic}\p{Emoji_Modifier}]\uFE0F?)\u200D(?=\p{Extended_Pictographic})|(?<=\p{Emoji})[\uFE0E\uFE0F]/gu
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'gu')

// An empty text is `min`'s to refuse, with its own message.
const hasVisible = (s: string) => s.length === 0 || VISIBLE.test(s.replace(INVISIBLE_ALL, ''))

/** Free text a person writes; trimmed, bounded, with something to read and no direction tricks. */
export const text = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !BIDI_CONTROLS.test(s), '不能包含改变文字方向的字符')
    .refine(hasVisible, '需要包含看得见的文字')

/**
 * What names someone or something others pick out by sight — nicknames, real names,
 * buildings, the community: text with no invisible character at all, so two names
 * that look alike are alike, and none looks empty.
 */
export const name = (max: number) =>
  text(max).refine((s) => !INVISIBLE.test(s.replace(EMOJI_GLUE, '')), '不能包含看不见的字符')

export const limit = (max = 50, fallback = 20) => z.number().int().min(1).max(max).default(fallback)

/**
 * Where a list resumes: the `nextCursor` a page handed out, a whole number of rows to
 * skip. Anything else is refused, never read as the first page.
 */
export const cursor = z
  .string()
  .min(1)
  .max(6)
  .regex(/^(0|[1-9]\d*)$/, '翻页位置不对，请刷新列表后重试')
  .transform(Number)
  .optional()

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
