/** Reads CloudBase settings from `.env` (never committed) and the process environment. */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface CloudbaseEnv {
  envId: string
  secretId?: string
  secretKey?: string
}

export function readCloudbaseEnv(root = join(__dirname, '..')): CloudbaseEnv {
  const file = join(root, '.env')
  const vars: Record<string, string> = {}
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const m = /^\s*([A-Z_][A-Z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line)
      if (m) vars[m[1]] = m[2].replace(/^["']|["']$/g, '')
    }
  }
  const get = (k: string) => process.env[k] ?? vars[k]
  const envId = get('CLOUDBASE_ENV_ID')
  if (!envId) {
    throw new Error('缺少 CLOUDBASE_ENV_ID：请在项目根目录的 .env 中写入 CLOUDBASE_ENV_ID=你的云开发环境 ID（参见 README「部署到云开发」）')
  }
  return { envId, secretId: get('TENCENTCLOUD_SECRETID'), secretKey: get('TENCENTCLOUD_SECRETKEY') }
}
