// Who sees the committee's controls in the 议事厅. The server decides every
// action; this only keeps buttons away from people who would be refused.

export interface CouncilAccess {
  /** 居委会 or 管理员: triage, schedule, check-in codes, minutes. */
  committee: boolean
  /** 已认证: may raise, co-sign and comment. */
  verified: boolean
  /** A 街道 account reads only. */
  street: boolean
}

export function councilAccessOf(current: { roles: string[]; status: string } | null | undefined): CouncilAccess {
  const roles = current?.roles ?? []
  return {
    committee: roles.includes('committee') || roles.includes('admin'),
    verified: current?.status === 'verified',
    street: roles.includes('street'),
  }
}
