import Taro, { useRouter } from '@tarojs/taro'
import { useEffect } from 'react'
import { call } from '../../api'
import { toastError } from '../../utils/feedback'

/** WeChat hands the page its scene URL-encoded (s%3Dabc…). */
function decoded(raw: string | undefined): string {
  try {
    return decodeURIComponent(raw ?? '')
  } catch {
    return raw ?? ''
  }
}

/**
 * A poster's mini-program code opens 首页 with its scene (share.code): on to the page
 * it names, with its community, where a member lands and anyone else is offered to
 * join that community first.
 */
export function useShareScene() {
  // The tab page's own options (pageParam reads the current instance, not yet this page while a tab first mounts).
  const scene = decoded(useRouter().params.scene)
  useEffect(() => {
    if (!scene.startsWith('s=')) return
    call('share.open', { scene })
      .then((res) => Taro.navigateTo({ url: res.path }))
      .catch(toastError)
  }, [scene])
}
