import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { call } from '../../api'
import { pageParam } from '../../routes'
import { toastError } from '../../utils/feedback'

/**
 * A poster's mini-program code opens 首页 with its scene (share.code): on to the page
 * it names, with its community, where a member lands and anyone else is offered to
 * join that community first.
 */
export function useShareScene() {
  const [scene] = useState(() => pageParam('scene'))
  useEffect(() => {
    if (!scene.startsWith('s=')) return
    call('share.open', { scene })
      .then((res) => Taro.navigateTo({ url: res.path }))
      .catch(toastError)
  }, [scene])
}
