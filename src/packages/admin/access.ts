// What the workbench offers to whom. The server decides every action; these only
// keep buttons away from people who would be refused.

export const GRANTABLE_ROLES = ['volunteer', 'buildingLead', 'committee', 'admin'] as const
export type GrantableRole = (typeof GRANTABLE_ROLES)[number]

export interface Access {
  /** 居委会 or 管理员: every building, contact details. */
  committee: boolean
  /** 管理员: roles, settings, buildings. */
  admin: boolean
  /** 楼栋长: the buildings in `buildingIds` only. */
  lead: boolean
  /** May open the workbench at all. */
  any: boolean
  buildingIds: string[]
}

export function accessOf(current: { roles: string[]; buildingIds: string[] } | null | undefined): Access {
  const roles = current?.roles ?? []
  const admin = roles.includes('admin')
  const committee = admin || roles.includes('committee')
  const lead = roles.includes('buildingLead')
  return { committee, admin, lead, any: committee || lead, buildingIds: current?.buildingIds ?? [] }
}
