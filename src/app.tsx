import Taro, { useLaunch } from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { goToDevLogin, personaOpenid } from './api/persona'
import { CLOUD_ENV_ID } from './config'
import './app.scss'

// wx.cloud must be initialised once, before the first page asks for data.
if (process.env.TARO_ENV === 'weapp') {
  const cloud = Taro.cloud as typeof Taro.cloud & { DYNAMIC_CURRENT_ENV: string }
  cloud.init({ env: CLOUD_ENV_ID || cloud.DYNAMIC_CURRENT_ENV, traceUser: true })
}

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // The local H5 build knows its caller only from a demo persona; send a
    // newcomer to the gateway's picker before any page asks for data.
    if (process.env.TARO_ENV === 'h5' && !personaOpenid()) goToDevLogin()
    // ...and runs on the gateway's clock, which a developer may have moved.
    if (process.env.TARO_ENV === 'h5') (require('./api/devClock') as typeof import('./api/devClock')).startClockSync()
  })

  return children
}

export default App
