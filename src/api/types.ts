// The server's contract, as types only: nothing of the cloud function enters the
// mini-program bundle.
export type {
  ActionName,
  ActionInput,
  ActionOutput,
  Envelope,
  ErrorCode,
  Role,
} from '../../cloudfunctions/api/src/contract'

import type { Envelope } from '../../cloudfunctions/api/src/contract'

/** What a transport sends: the action, its payload and the community it concerns. */
export interface Request {
  action: string
  payload: unknown
  communityId?: string
}

export type Transport = (request: Request) => Promise<Envelope<unknown>>
