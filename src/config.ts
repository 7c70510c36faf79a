/**
 * CloudBase environment the mini-program calls, baked in at build time from the
 * CLOUD_ENV_ID environment variable (config/index.ts). Empty means "whichever
 * environment the mini-program is opened in" (Taro.cloud.DYNAMIC_CURRENT_ENV).
 */
export const CLOUD_ENV_ID: string = process.env.CLOUD_ENV_ID || ''
