/**
 * local/emulator/README.md, followed to the letter: the CLI with a schema file,
 * startEmulator() with the genuine SDK pointed at it, and the environment variables
 * that route an unmodified `tcb.init({ env })` to it.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import tcb from '@cloudbase/node-sdk'
import { startEmulator } from '../../../local/emulator'

const ROOT = resolve(__dirname, '../../..')
const README = readFileSync(join(ROOT, 'local/emulator/README.md'), 'utf8')

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'emulator-readme-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

it('the CLI, as the README runs it, serves a schema file’s collections and says where', async () => {
  expect(README).toContain('npx tsx local/emulator/cli.ts --port 9000 --data .data/emulator')
  const schema = join(dir, 'collections.json')
  writeFileSync(schema, JSON.stringify([{ name: 'todos', indexes: [{ name: 'by_owner', keys: { owner: 1 } }] }]))
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['local/emulator/cli.ts', '--port', '0', '--data', join(dir, 'data'), '--strict-indexes', '--schema', schema], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<number | null>((done) => child.once('exit', done))
  try {
    const url = await new Promise<string>((done, fail) => {
      let output = ''
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        const ready = /emulator ready at (http:\/\/\S+)/.exec(output)
        if (ready) done(ready[1])
      })
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
      child.once('exit', (code) => fail(new Error(`the CLI exited (${code}) before it was ready:\n${output}`)))
    })
    const app = tcb.init({ env: 'local', serviceUrl: url, secretId: 'local', secretKey: 'local' })
    const todos = app.database().collection('todos')
    await todos.add({ owner: 'me', title: '买菜' })
    expect((await todos.where({ owner: 'me' }).get()).data).toEqual([{ _id: expect.any(String), owner: 'me', title: '买菜' }])
    // --strict-indexes: a query no declared index serves is refused.
    await expect(todos.where({ title: '买菜' }).get()).rejects.toMatchObject({ code: 'DATABASE_INDEX_REQUIRED' })
  } finally {
    child.kill('SIGTERM')
  }
  expect(await exited).toBe(0)
}, 90_000)

it('startEmulator(), with the SDK initialised as the README shows', async () => {
  const running = await startEmulator({
    port: 0,
    dataDir: join(dir, 'my-emulator'),
    schema: [{ name: 'todos', indexes: [{ name: 'by_owner', keys: { owner: 1 } }] }],
    strictIndexes: true,
  })
  try {
    const app = tcb.init({ env: 'local', serviceUrl: running.url, secretId: 'local', secretKey: 'local' })
    const db = app.database()
    await db.collection('todos').add({ owner: 'me', title: '买菜' })
    expect((await db.collection('todos').where({ owner: 'me' }).count()).total).toBe(1)
    await db.createCollection('notes')
    await db.collection('notes').add({ _id: 'n1', text: '记得带钥匙' })
    expect((await db.collection('notes').doc('n1').get()).data).toEqual([{ _id: 'n1', text: '记得带钥匙' }])
  } finally {
    await running.close()
  }
})

it('an unmodified tcb.init({ env }) reaches it through TCB_CONTEXT_CNFG and the credential variables', async () => {
  expect(README).toContain(`TCB_CONTEXT_CNFG='{"URL":"http://127.0.0.1:9000/admin"}'`)
  const running = await startEmulator({ port: 0, dataDir: join(dir, 'env'), schema: [{ name: 'todos', indexes: [], scan: true }] })
  const names = ['TCB_CONTEXT_CNFG', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY'] as const
  const saved = names.map((name) => process.env[name])
  Object.assign(process.env, { TCB_CONTEXT_CNFG: JSON.stringify({ URL: running.url }), TENCENTCLOUD_SECRETID: 'local', TENCENTCLOUD_SECRETKEY: 'local' })
  try {
    const db = tcb.init({ env: 'local' }).database()
    await db.collection('todos').add({ title: '没改一行代码' })
    expect((await db.collection('todos').get()).data).toEqual([{ _id: expect.any(String), title: '没改一行代码' }])
    expect(running.emulator.stats.byAction['database.insertDocument']).toBe(1)
  } finally {
    names.forEach((name, i) => (saved[i] === undefined ? delete process.env[name] : (process.env[name] = saved[i])))
    await running.close()
  }
})

it('a wx-server-sdk function, unchanged, runs against it with the variables the README sets', async () => {
  expect(README).toContain(`cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })`)
  const running = await startEmulator({ port: 0, dataDir: join(dir, 'wx'), schema: [{ name: 'todos', indexes: [], scan: true }] })
  const variables: Record<string, string> = {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: running.url }),
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    TENCENTCLOUD: 'true',
    TCB_ENV: 'local',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
    WX_OPENID: 'o-test',
    WX_APPID: 'wx-test',
  }
  const saved = Object.keys(variables).map((name) => [name, process.env[name]] as const)
  Object.assign(process.env, variables)
  try {
    // The README's function, word for word.
    const cloud = require('wx-server-sdk')
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
    const db = cloud.database()
    const main = async (event: { title: string }) => {
      const { OPENID } = cloud.getWXContext()
      await db.collection('todos').add({ data: { owner: OPENID, title: event.title } })
      return (await db.collection('todos').where({ owner: OPENID }).get()).data
    }
    expect(cloud.getWXContext()).toEqual({ OPENID: 'o-test', APPID: 'wx-test', ENV: 'local' })
    expect(await main({ title: '买菜' })).toEqual([{ _id: expect.any(String), owner: 'o-test', title: '买菜' }])
    // Another caller: the context follows the variables at each call.
    process.env.WX_OPENID = 'o-other'
    expect(await main({ title: '倒垃圾' })).toEqual([{ _id: expect.any(String), owner: 'o-other', title: '倒垃圾' }])

    const _ = db.command
    const { _id } = await db.collection('todos').add({ data: { _id: 'counter', n: 1, at: new Date(0) } })
    expect((await db.collection('todos').doc(_id).update({ data: { n: _.inc(1) } })).stats).toEqual({ updated: 1 })
    type Tx = { collection(name: string): { doc(id: string): { get(): Promise<{ data: { n: number } }>; update(change: object): Promise<unknown> } } }
    const seen = await db.runTransaction(async (tx: Tx) => {
      const { data } = await tx.collection('todos').doc('counter').get()
      await tx.collection('todos').doc('counter').update({ data: { n: data.n + 10 } })
      return data.n
    })
    expect(seen).toBe(2)
    expect((await db.collection('todos').doc('counter').get()).data).toEqual({ _id: 'counter', n: 12, at: new Date(0) })
    await expect(db.collection('todos').add({ data: { _id: 'counter' } })).rejects.toMatchObject({ errCode: -501001, errMsg: expect.stringContaining('already exists') })
    await expect(db.collection('nope').get()).rejects.toMatchObject({ errCode: -502005 })

    const { fileID, statusCode } = await cloud.uploadFile({ cloudPath: 'notes/a.txt', fileContent: Buffer.from('记得带钥匙') })
    expect(statusCode).toBe(-1)
    const { fileList } = await cloud.getTempFileURL({ fileList: [fileID] })
    expect(fileList[0]).toMatchObject({ fileID, status: 0, tempFileURL: expect.stringContaining(`${running.origin}/files/notes/a.txt?`) })
    expect((await cloud.downloadFile({ fileID })).fileContent.toString()).toBe('记得带钥匙')
    expect((await cloud.deleteFile({ fileList: [fileID] })).fileList).toEqual([expect.objectContaining({ fileID, status: 0 })])

    // openapi is WeChat's, sent as protobuf: refused, never a fake success.
    await expect(cloud.openapi.wxacode.getUnlimited({ scene: 'x' })).rejects.toMatchObject({ errMsg: expect.stringContaining('415 Unsupported Media Type') })
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
    await running.close()
  }
})
