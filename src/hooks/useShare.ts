import { useShareAppMessage } from '@tarojs/taro'

/**
 * The chat card a page sends (WeChat's 转发): its title with the live figure and the
 * path back to it. The page's config sets `enableShareAppMessage: true`.
 */
export function useShare(card: () => { title: string; path: string } | null) {
  useShareAppMessage(() => card() ?? {})
}
