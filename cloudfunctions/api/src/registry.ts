/**
 * Every action and timer job the `api` function serves, area by area. An area
 * (modules/<area>, whose folder is the first segment of its actions' names) loads on
 * the first call of one of its actions: a cold instance builds the schemas and runs
 * the code of the areas it serves, not all of them (bench/api.ts measures the cold
 * start against the bare SDK's). `require`, not `import`: the bundler keeps a required
 * module's code unevaluated until the call. A new area is added here once.
 *
 * The order is the catalogue's (system.describe, the README's API reference) and the
 * order of the sections in a person's data export (platform/personal.ts).
 */
import type { ActionDef, TimerJob } from './platform/action'
import { answerEveryArea, loadingArea } from './platform/areas'
import type { Catalogue } from './router'
// The 首页 digest watches every scoped write (platform/db watchWrites) to know when it is stale.
// It must watch from the start of every instance, not from the first home.today: an instance
// that only ever serves notice.publish loads no home area, and its writes would go unmarked.
import './modules/home/digest'

export const AREAS = {
  system: () => require('./modules/system') as typeof import('./modules/system'),
  me: () => require('./modules/me') as typeof import('./modules/me'),
  community: () => require('./modules/community') as typeof import('./modules/community'),
  member: () => require('./modules/member') as typeof import('./modules/member'),
  street: () => require('./modules/street') as typeof import('./modules/street'),
  notice: () => require('./modules/notice') as typeof import('./modules/notice'),
  message: () => require('./modules/message') as typeof import('./modules/message'),
  subscription: () => require('./modules/subscription') as typeof import('./modules/subscription'),
  checkin: () => require('./modules/checkin') as typeof import('./modules/checkin'),
  council: () => require('./modules/council') as typeof import('./modules/council'),
  points: () => require('./modules/points') as typeof import('./modules/points'),
  volunteer: () => require('./modules/volunteer') as typeof import('./modules/volunteer'),
  mall: () => require('./modules/mall') as typeof import('./modules/mall'),
  wish: () => require('./modules/wish') as typeof import('./modules/wish'),
  award: () => require('./modules/award') as typeof import('./modules/award'),
  activity: () => require('./modules/activity') as typeof import('./modules/activity'),
  audit: () => require('./modules/audit') as typeof import('./modules/audit'),
  export: () => require('./modules/export') as typeof import('./modules/export'),
  home: () => require('./modules/home') as typeof import('./modules/home'),
  stats: () => require('./modules/stats') as typeof import('./modules/stats'),
  share: () => require('./modules/share') as typeof import('./modules/share'),
}

type AreaName = keyof typeof AREAS
type AreaModule = ReturnType<(typeof AREAS)[AreaName]>
/** Every action, typed by its literal name (contract.ts reads it). */
export type AnyAction = AreaModule['actions'][number]

const AREA_NAMES = Object.keys(AREAS) as AreaName[]
const loaded = new Map<AreaName, { actions: Map<string, ActionDef>; timers: readonly TimerJob[] }>()

function load(area: AreaName) {
  let found = loaded.get(area)
  if (found) return found
  const loader: () => { actions: readonly ActionDef[]; timers?: readonly TimerJob[] } = AREAS[area]
  const mod = loadingArea(AREA_NAMES.indexOf(area), loader)
  const actions = new Map<string, ActionDef>()
  for (const def of mod.actions) {
    // An action outside its area's prefix could never be found by name.
    if (!def.name.startsWith(`${area}.`)) throw new Error(`action ${def.name} is not under modules/${def.name.split('.')[0]}`)
    if (actions.has(def.name)) throw new Error(`duplicate action ${def.name}`)
    actions.set(def.name, def)
  }
  found = { actions, timers: mod.timers ?? [] }
  loaded.set(area, found)
  return found
}

const isArea = (name: string): name is AreaName => Object.hasOwn(AREAS, name)

/** The action of this name, its area loaded if it was not; undefined when there is none. */
export function findAction(name: string): ActionDef | undefined {
  const area = name.split('.')[0]
  return isArea(area) ? load(area).actions.get(name) : undefined
}

/** Every action, every area loaded. */
export function allActions(): AnyAction[] {
  return AREA_NAMES.flatMap((area) => [...load(area).actions.values()]) as AnyAction[]
}

/** Every timer job, every area loaded (a timer's work may need any area's registrations). */
export function allTimerJobs(): TimerJob[] {
  return AREA_NAMES.flatMap((area) => load(area).timers)
}

export const CATALOGUE: Catalogue = { action: findAction, actions: allActions, timers: allTimerJobs }

answerEveryArea(() => {
  for (const area of AREA_NAMES) load(area)
})
