import { z } from 'zod'
import { action, type ActionDef } from '../../platform/action'
import { ROLES } from '../../platform/roles'

export const VERSION = '0.1.0'

export const ping = action({
  name: 'system.ping',
  summary: '健康检查：返回服务器时间与版本',
  roles: ['public'],
  input: z.strictObject({}),
  async run({ clock }) {
    return { pong: true as const, time: clock.now().toISOString(), version: VERSION }
  },
})

export interface ActionDescription {
  name: string
  summary: string
  roles: string[]
  input: Record<string, unknown>
}

/** The catalogue of the given actions: name, summary, roles and input as JSON Schema. */
export function describeCatalogue(all: ReadonlyArray<ActionDef>) {
  const actions: ActionDescription[] = all.map((def) => ({
    name: def.name,
    summary: def.summary,
    roles: [...def.roles],
    input: z.toJSONSchema(def.input, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
  }))
  return { version: VERSION, roles: [...ROLES], actions }
}

/** Built from the router's own list, so it cannot drift from what the router runs. */
export const describe = action({
  name: 'system.describe',
  summary: '接口目录：每个操作的名称、可调用角色和输入的 JSON Schema',
  roles: ['public'],
  input: z.strictObject({}),
  async run({ catalogue }) {
    return describeCatalogue(catalogue)
  },
})

export const actions = [ping, describe] as const
