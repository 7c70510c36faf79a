/// <reference types="@tarojs/taro" />

declare module '*.png' {
  const src: string
  export default src
}
declare module '*.jpg' {
  const src: string
  export default src
}
declare module '*.svg' {
  const src: string
  export default src
}
declare module '*.css'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    /** The platform being built; replaced at build time, so `if` on it removes dead branches. */
    TARO_ENV: 'weapp' | 'h5' | 'alipay' | 'swan' | 'tt' | 'qq' | 'jd' | 'rn' | 'harmony'
    /** CloudBase environment id baked in by config/index.ts; '' means the current environment. */
    CLOUD_ENV_ID?: string
  }
}
