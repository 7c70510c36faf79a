/**
 * The api's contract for the mini-program, as types only: `import type` from here
 * couples nothing at run time and copies nothing by hand.
 */
import type { z } from 'zod'
import type { AnyAction } from './registry'

type ActionNamed<A extends ActionName> = Extract<AnyAction, { name: A }>

export type ActionName = AnyAction['name']
export type ActionInput<A extends ActionName> = z.input<ActionNamed<A>['input']>
export type ActionOutput<A extends ActionName> = Awaited<ReturnType<ActionNamed<A>['run']>>

export type { ErrorCode } from './platform/errors'
export type { Envelope } from './router'
export type { Role } from './platform/roles'
