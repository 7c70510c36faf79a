/**
 * The api's contract for the mini-program, as types only: `import type` from here
 * couples nothing at run time and copies nothing by hand.
 */
import type { z } from 'zod'
import type { registry } from './registry'

type Registry = typeof registry

export type ActionName = keyof Registry
export type ActionInput<A extends ActionName> = z.input<Registry[A]['input']>
export type ActionOutput<A extends ActionName> = Awaited<ReturnType<Registry[A]['run']>>

export type { ErrorCode } from './platform/errors'
export type { Envelope } from './router'
export type { Role } from './platform/roles'
