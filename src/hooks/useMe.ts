import { useEffect } from 'react'
import { adoptElderMode } from '../theme'
import { useQuery } from './useQuery'

/**
 * The caller as `me.get` reports them. Also takes over the 长辈模式 saved with the
 * account on a device where the person has not chosen yet.
 */
export function useMe() {
  const me = useQuery('me.get', {})
  const savedElderMode = me.data?.user?.elderMode
  useEffect(() => adoptElderMode(savedElderMode), [savedElderMode])
  return me
}
