/**
 * platform/labels and platform/links are bundled into the mini-program as they
 * are (config/index.ts compile.include names exactly these files): an import in
 * them would drag server code onto the phone, or break the build.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PAGE_PATHS, pageLink } from '../../cloudfunctions/api/src/platform/links'

const PLATFORM = join(__dirname, '../../cloudfunctions/api/src/platform')

describe('what the server shares with the mini-program', () => {
  it.each(['files.ts', 'labels.ts', 'links.ts'])('%s imports nothing', (file) => {
    const text = readFileSync(join(PLATFORM, file), 'utf8')
    expect(text).not.toMatch(/^\s*import\s/m)
    expect(text).not.toMatch(/\brequire\(/)
  })

  it('links only to pages the app declares', () => {
    // app.config.ts calls Taro's global defineAppConfig; here it hands the config back.
    ;(globalThis as { defineAppConfig?: (c: unknown) => unknown }).defineAppConfig = (c) => c
    const app = require('../../src/app.config').default as { pages: string[]; subPackages: Array<{ root: string; pages: string[] }> }
    const declared = new Set([...app.pages, ...app.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))])
    for (const [name, path] of Object.entries(PAGE_PATHS)) expect({ name, declared: declared.has(path) }).toEqual({ name, declared: true })
  })

  it('encodes ids in links, as pages decode them', () => {
    expect(pageLink('issue', { id: 'c_x:issue-1' })).toBe('packages/council/issue/index?id=c_x%3Aissue-1')
    expect(pageLink('join')).toBe('packages/account/join/index')
  })
})
