import { z } from 'zod'
import { ALL_ACTIONS, registry } from '../../cloudfunctions/api/src/registry'
import { ROLES } from '../../cloudfunctions/api/src/platform/roles'

describe('the action registry', () => {
  it('keys every action by its own name, once', () => {
    for (const [key, def] of Object.entries(registry)) expect(def.name).toBe(key)
    expect(new Set(ALL_ACTIONS.map((a) => a.name)).size).toBe(ALL_ACTIONS.length)
  })
  it('names actions area.verb', () => {
    for (const def of ALL_ACTIONS) expect(def.name).toMatch(/^[a-z]+(\.[a-z][A-Za-z]*)+$/)
  })
  it('gives every action known roles and a Chinese summary', () => {
    for (const def of ALL_ACTIONS) {
      expect(def.roles.length).toBeGreaterThan(0)
      for (const r of def.roles) expect(ROLES).toContain(r)
      expect(def.summary).toMatch(/[\u4e00-\u9fa5]/)
    }
  })
  it('rejects unknown keys in every input (strict objects)', () => {
    for (const def of ALL_ACTIONS) {
      const schema = z.toJSONSchema(def.input, { io: 'input', unrepresentable: 'any' }) as { type?: string; additionalProperties?: unknown }
      expect({ action: def.name, type: schema.type, additionalProperties: schema.additionalProperties }).toEqual({
        action: def.name,
        type: 'object',
        additionalProperties: false,
      })
    }
  })
})
