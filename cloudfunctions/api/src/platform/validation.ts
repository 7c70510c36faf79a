/**
 * Shared input pieces and the translation of zod's complaints into Chinese a
 * resident can act on. Every action input is a strict object: unknown keys are refused.
 */
import { z } from 'zod'
import type { TextScene } from './wechat'

/** Document ids: our deterministic ids and CloudBase's generated ones. */
export const id = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9:_.-]+$/, '编号格式不对')

export const limit = (max = 50, fallback = 20) => z.number().int().min(1).max(max).default(fallback)

/**
 * Strings the router sends to WeChat's text check before the action runs: every text
 * an action stores and shows to someone. `text()` and `name()` register here, so an
 * action cannot take a person's words without their being checked; the scene is
 * msgSecCheck's (1 资料 for names, 2 评论 for the rest).
 */
export const moderatedText = z.registry<{ scene: TextScene }>()

/** Strings that are not a person's words for others to read (a search query, a code); declared so, with the reason. */
export const machineText = z.registry<{ why: string }>()

/** File ids the caller attaches as their own: the router accepts only files in the caller's own place (platform/files). */
export const ownFile = z.registry<{ own: true }>()

/**
 * Where a list resumes: the `nextCursor` a page handed out, a whole number of rows to
 * skip. Anything else is refused, never read as the first page.
 */
const cursorString = z
  .string()
  .min(1)
  .max(6)
  .regex(/^(0|[1-9]\d*)$/, '翻页位置不对，请刷新列表后重试')
machineText.add(cursorString, { why: '列表的翻页位置' })
export const cursor = cursorString.transform(Number).optional()

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

/** Trimmed, bounded, with something to read and no direction tricks. */
const readable = (max: number, min: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !BIDI_CONTROLS.test(s), '不能包含改变文字方向的字符')
    .refine(hasVisible, '需要包含看得见的文字')

/** Free text a person writes for others to read; trimmed, never empty, bounded, checked with WeChat before it is stored. */
export function text(max: number, min = 1, scene: TextScene = 2) {
  const schema = readable(max, min)
  moderatedText.add(schema, { scene })
  return schema
}

/**
 * A name people see (a nickname, a real name, a building, the community): checked in
 * WeChat's 资料 scene, and with no invisible character at all, so two names that look
 * alike are alike and none looks empty.
 */
export function name(max: number, min = 1) {
  const schema = readable(max, min).refine((s) => !INVISIBLE.test(s.replace(EMOJI_GLUE, '')), '不能包含看不见的字符')
  moderatedText.add(schema, { scene: 1 })
  return schema
}

/** A string that is never stored nor shown to anyone else, so WeChat need not see it. */
export function unstoredText(max: number, why: string) {
  const schema = z.string().trim().min(1).max(max)
  machineText.add(schema, { why })
  return schema
}

/** A cloud-storage file id the client uploaded first; actions carry ids, never bytes. Any file: for the committee naming one to take down. */
export const fileId = z
  .string()
  .max(500)
  .regex(/^cloud:\/\/[^\s]+$/, '图片需先上传')

/** A file the caller attaches to what they post (a photo, an avatar): it must lie in their own place in storage. */
export const ownFileId = fileId.clone()
ownFile.add(ownFileId, { own: true })

/* eslint-disable @typescript-eslint/no-explicit-any */
type Def = { type: string; [k: string]: any }

/**
 * The values in `value` whose schema (inside `schema`) is in `registry`, with its
 * metadata. Walks what inputs use: objects, arrays, optional/nullable/default
 * wrappers, pipes and unions (the option the value parses as).
 */
export function marked<M extends object>(registry: z.core.$ZodRegistry<M>, schema: z.ZodType, value: unknown): Array<{ value: unknown; meta: M }> {
  if (value === undefined || value === null) return []
  const own = registry.get(schema) as M | undefined
  if (own !== undefined) return [{ value, meta: own }]
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, inner]) => marked(registry, inner, (value as Record<string, unknown>)[key]))
    case 'array':
      return Array.isArray(value) ? value.flatMap((item) => marked(registry, def.element, item)) : []
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return marked(registry, def.innerType, value)
    case 'pipe':
      return marked(registry, def.in, value)
    case 'union': {
      const option = (def.options as z.ZodType[]).find((o) => o.safeParse(value).success)
      return option ? marked(registry, option, value) : []
    }
    default:
      return []
  }
}

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
