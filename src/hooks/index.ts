export { useQuery, type QueryResult, type QueryOptions } from './useQuery'
export { useAction, type ActionResult } from './useAction'
export { useRefreshOnPullDown } from './usePullDownRefresh'
