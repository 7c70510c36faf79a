import { z } from 'zod'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { allActions, allTimerJobs } from '../../cloudfunctions/api/src/registry'
import { ROLES } from '../../cloudfunctions/api/src/platform/roles'

const SRC = join(__dirname, '../../cloudfunctions/api/src')
const MODULES = join(SRC, 'modules')
const ALL_ACTIONS = allActions()
const TIMER_JOBS = allTimerJobs()

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
  it('finds every action by its name alone, each area loaded on demand, as a cold instance does', () => {
    const names = readdirSync(MODULES).flatMap((folder) => (require(join(MODULES, folder)) as { actions: Array<{ name: string }> }).actions.map((a) => a.name))
    jest.isolateModules(() => {
      const fresh = require(join(SRC, 'registry')) as typeof import('../../cloudfunctions/api/src/registry')
      for (const name of names) expect({ name, found: fresh.findAction(name)?.name }).toEqual({ name, found: name })
      expect(fresh.findAction('council.noSuchThing')).toBeUndefined()
      expect(fresh.findAction('nosucharea.list')).toBeUndefined()
      expect(fresh.findAction('constructor')).toBeUndefined()
    })
  })
  it('completes what areas register (check-in kinds, personal data) whichever area a cold instance loads first', () => {
    const everything = personalDataOf(() => undefined)
    expect(everything.length).toBeGreaterThan(5)
    // checkin.scan, the first call of an instance, meets a meeting's code: council registers that kind.
    expect(personalDataOf((registry, checkin) => {
      registry.findAction('checkin.scan')
      expect(checkin.checkinKind('meeting').kind).toBe('meeting')
    })).toEqual(everything)
    // Sections keep the registry's order even when a later area loaded first.
    expect(personalDataOf((registry) => registry.findAction('council.issue.list'))).toEqual(everything)
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

/** The personal data sections of a fresh instance after `first` ran in it. */
function personalDataOf(first: (registry: typeof import('../../cloudfunctions/api/src/registry'), checkin: typeof import('../../cloudfunctions/api/src/platform/checkin')) => unknown): string[] {
  let names: string[] = []
  jest.isolateModules(() => {
    const registry = require(join(SRC, 'registry'))
    first(registry, require(join(SRC, 'platform/checkin')))
    names = (require(join(SRC, 'platform/personal')) as typeof import('../../cloudfunctions/api/src/platform/personal')).personalDataSources().map((s) => s.name)
  })
  return names
}

it('watches writes for the 首页 digest from an instance\'s start, before any area loads', () => {
  jest.isolateModules(() => {
    require('../../cloudfunctions/api/src/registry')
    const { writeWatchers } = require('../../cloudfunctions/api/src/platform/db') as typeof import('../../cloudfunctions/api/src/platform/db')
    expect(writeWatchers()).toBe(1)
  })
})
