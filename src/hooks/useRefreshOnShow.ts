import { useDidHide, useDidShow } from '@tarojs/taro'
import { useRef } from 'react'

/**
 * Asks the given queries again when the page comes back into view (a tab chosen
 * again, a sub-page closed): joining, switching community or a decision made on
 * another page shows at once. Keyed on a hide before the show, so the first
 * show (the mount, which already asked) never asks twice.
 */
export function useRefreshOnShow(...refreshers: Array<() => Promise<void>>): void {
  const hidden = useRef(false)
  useDidHide(() => {
    hidden.current = true
  })
  useDidShow(() => {
    if (!hidden.current) return
    hidden.current = false
    refreshers.forEach((refresh) => void refresh())
  })
}
