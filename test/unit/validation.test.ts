import { z } from 'zod'
import { describeZodError, id, text } from '../../cloudfunctions/api/src/platform/validation'

const schema = z.strictObject({ title: text(10), count: z.number().int().min(1).max(5), kind: z.enum(['a', 'b']), ref: id })

function message(input: unknown): string {
  const r = schema.safeParse(input)
  if (r.success) throw new Error('expected a validation failure')
  return describeZodError(r.error)
}

const good = { title: '路灯坏了', count: 2, kind: 'a', ref: 'c_lujiang:b1' }

describe('input problems are told in Chinese a resident can act on', () => {
  it('accepts a well-formed input', () => {
    expect(schema.parse(good)).toEqual(good)
  })
  it('refuses unknown keys by name', () => {
    expect(message({ ...good, openid: 'x' })).toBe('不认识的字段：openid')
  })
  it('names a missing field', () => {
    const { title: _t, ...rest } = good
    expect(message(rest)).toBe('缺少「title」')
  })
  it('names a wrong type', () => {
    expect(message({ ...good, count: '2' })).toBe('「count」应为数字')
  })
  it('gives the limit of an overlong text', () => {
    expect(message({ ...good, title: '一'.repeat(11) })).toBe('「title」最多 10 个字')
  })
  it('treats whitespace-only text as empty', () => {
    expect(message({ ...good, title: '   ' })).toBe('「title」不能为空')
  })
  it('gives the range of a number', () => {
    expect(message({ ...good, count: 9 })).toBe('「count」不能大于 5')
  })
  it('lists the allowed values of an enum', () => {
    expect(message({ ...good, kind: 'c' })).toBe('「kind」只能是：a / b')
  })
  it('rejects ids with characters no id has', () => {
    expect(message({ ...good, ref: 'a b' })).toBe('「ref」编号格式不对')
  })
})
