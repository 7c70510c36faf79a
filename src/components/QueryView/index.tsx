import type { ReactNode } from 'react'
import { ErrorState } from '../ErrorState'
import { Loading } from '../Loading'

export interface QueryViewProps<T> {
  /** A useQuery result (or anything shaped like one). */
  query: { data: T | undefined; error: { message: string; code?: string } | null; loading: boolean; refresh: () => Promise<void> }
  /** Skeleton lines while the first answer is on its way. */
  rows?: number
  loadingText?: string
  /** The page's content, once there is data; kept on screen while a refresh is under way or fails. */
  children: (data: T) => ReactNode
}

/** The loading → error → content sequence every page shows for its main query. */
export function QueryView<T>({ query, rows = 3, loadingText, children }: QueryViewProps<T>) {
  if (query.data !== undefined) return <>{children(query.data)}</>
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refresh()} />
  return query.loading ? <Loading rows={rows} text={loadingText} /> : null
}
