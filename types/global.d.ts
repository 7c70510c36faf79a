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

// qrcode's encoder alone (src/utils/qr.ts), without its renderers.
declare module 'qrcode/lib/core/qrcode' {
  interface QRCodeSegment {
    data: Uint8Array | string
    mode: 'byte' | 'alphanumeric' | 'numeric' | 'kanji'
  }
  const QRCode: {
    create(
      segments: string | QRCodeSegment[],
      options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H'; version?: number },
    ): { modules: { size: number; data: Uint8Array } }
  }
  export default QRCode
}
