import type { ReactNode } from 'react'
import { Empty, Page, QueryView } from '../../components'
import { useAccess, useMe } from '../../hooks'

export interface WorkbenchPageProps {
  id: string
  /** The page itself, for committee members, admins and building leads. */
  children: () => ReactNode
}

/** A workbench page: loading and error of me.get, and a plain refusal for everyone else. */
export function WorkbenchPage({ id, children }: WorkbenchPageProps) {
  const me = useMe()
  const access = useAccess()
  return (
    <Page id={id}>
      <QueryView query={me} rows={4}>
        {() =>
          access.canVerifyMembers ? (
            children()
          ) : (
            <Empty
              id="admin-forbidden"
              title="社区管理只对居委会、管理员和楼栋长开放"
              hint="如需帮忙认证住户，请联系你所在社区的居委会。"
            />
          )
        }
      </QueryView>
    </Page>
  )
}
