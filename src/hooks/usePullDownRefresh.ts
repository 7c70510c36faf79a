import Taro, { usePullDownRefresh } from '@tarojs/taro'

/**
 * Pull-down refresh for a page (its config needs `enablePullDownRefresh: true`):
 * asks all given queries again and closes the spinner when every answer is in.
 */
export function useRefreshOnPullDown(...refreshers: Array<() => Promise<void>>): void {
  usePullDownRefresh(() => {
    void Promise.all(refreshers.map((refresh) => refresh())).finally(() => Taro.stopPullDownRefresh())
  })
}
