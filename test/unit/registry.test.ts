import { z } from 'zod'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { ALL_ACTIONS, TIMER_JOBS } from '../../cloudfunctions/api/src/registry'
import { ROLES } from '../../cloudfunctions/api/src/platform/roles'

const MODULES = join(__dirname, '../../cloudfunctions/api/src/modules')

describe('the action registry', () => {
  it('serves every action once', () => {
    expect(new Set(ALL_ACTIONS.map((a) => a.name)).size).toBe(ALL_ACTIONS.length)
  })
  it('finds each action in the folder named for its prefix, and every module listed', () => {
    const folders = readdirSync(MODULES)
    const listed = folders.flatMap((folder) => {
      const mod = require(join(MODULES, folder)) as { actions: Array<{ name: string }> }
      for (const def of mod.actions) expect({ folder, action: def.name }).toEqual({ folder, action: expect.stringMatching(new RegExp(`^${folder}\\.`)) })
      return mod.actions.map((a) => a.name)
    })
    expect([...listed].sort()).toEqual(ALL_ACTIONS.map((a) => a.name).sort())
    expect(new Set(TIMER_JOBS.map((j) => j.name)).size).toBe(TIMER_JOBS.length)
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
