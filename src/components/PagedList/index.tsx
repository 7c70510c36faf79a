import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { Button } from '../Button'
import { Empty, type EmptyProps } from '../Empty'
import { ErrorState } from '../ErrorState'
import { Loading } from '../Loading'
import './index.scss'

export interface PagedListProps<T> {
  /** A usePagedQuery result (or anything shaped like one). */
  query: {
    items: T[]
    error: { message: string } | null
    loading: boolean
    loadingMore: boolean
    hasMore: boolean
    loadMore: () => Promise<void>
    refresh: () => Promise<void>
  }
  /** The list's own id (`#issue-list`); the 加载更多 button is `#<id>-more`. */
  id: string
  /** What an empty list says (and offers). */
  empty: EmptyProps
  rows?: number
  children: (item: T, index: number) => ReactNode
}

/** A list read page by page: loading → error → empty → items, then 加载更多 while there are more. */
export function PagedList<T>({ query, id, empty, rows = 4, children }: PagedListProps<T>) {
  const first = query.items.length === 0
  return (
    <View id={id}>
      {first && query.loading ? (
        <Loading rows={rows} />
      ) : first && query.error ? (
        <ErrorState error={query.error} onRetry={() => void query.refresh()} />
      ) : first ? (
        <Empty {...empty} />
      ) : (
        query.items.map(children)
      )}
      {query.hasMore && (
        <Button id={`${id}-more`} block variant="secondary" className="paged-list__more" disabled={query.loadingMore} onClick={() => void query.loadMore()}>
          {query.loadingMore ? '加载中…' : '加载更多'}
        </Button>
      )}
    </View>
  )
}
