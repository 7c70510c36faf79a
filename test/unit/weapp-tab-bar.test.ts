/**
 * The weapp draws its own tab bar (src/custom-tab-bar) so 长辈模式 can enlarge the
 * labels, which WeChat's native bar cannot; the H5 build keeps Taro's bar, as Taro's
 * H5 router draws no custom one. The weapp build itself is checked by
 * `npx tsx bench/weapp.ts --build` (custom-tab-bar files in dist, app.json custom).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { TABS } from '../../src/tabBar'

const SRC = join(__dirname, '../../src')

interface TabBarConfig {
  custom?: boolean
  color: string
  selectedColor: string
  list: Array<{ pagePath: string; text: string; iconPath: string; selectedIconPath: string }>
}

function appConfig(target: 'weapp' | 'h5'): { pages: string[]; tabBar: TabBarConfig } {
  const before = process.env.TARO_ENV
  process.env.TARO_ENV = target
  try {
    ;(globalThis as { defineAppConfig?: (c: unknown) => unknown }).defineAppConfig = (c) => c
    let config: { pages: string[]; tabBar: TabBarConfig } | undefined
    jest.isolateModules(() => {
      config = require('../../src/app.config').default
    })
    return config!
  } finally {
    process.env.TARO_ENV = before
  }
}

describe('the tab bar', () => {
  it('is our own in WeChat and Taro’s in H5', () => {
    expect(appConfig('weapp').tabBar.custom).toBe(true)
    expect(appConfig('h5').tabBar.custom).toBe(false)
    expect(existsSync(join(SRC, 'custom-tab-bar/index.tsx'))).toBe(true)
  })

  it('lists the five tab pages, each with both icons present', () => {
    const { pages, tabBar } = appConfig('weapp')
    expect(tabBar.list.map((item) => item.pagePath)).toEqual(pages)
    for (const item of tabBar.list) {
      expect(existsSync(join(SRC, item.iconPath))).toBe(true)
      expect(existsSync(join(SRC, item.selectedIconPath))).toBe(true)
    }
  })

  it('is lit by each tab page for its own tab', () => {
    for (const tab of TABS) {
      const page = readFileSync(join(SRC, `${tab.page}.tsx`), 'utf8')
      expect({ page: tab.page, tab: /<Page\b[^>]*\btab="(\w+)"/.exec(page)?.[1] }).toEqual({ page: tab.page, tab: tab.icon })
    }
  })

  it('draws its labels in the colours app.config declares (checked for contrast in contrast.test.ts), larger in 长辈模式', () => {
    const tokens = readFileSync(join(SRC, 'theme/tokens.scss'), 'utf8')
    const hex = (colour = '') => (colour.length === 4 ? colour.replace(/[0-9a-f]/g, (d) => d + d) : colour)
    const token = (name: string) => hex(new RegExp(`\\$${name}: (#[0-9a-f]+);`).exec(tokens)?.[1])
    const { tabBar } = appConfig('weapp')
    const scss = readFileSync(join(SRC, 'custom-tab-bar/index.scss'), 'utf8')
    expect(scss).toMatch(/\.tab-bar__label \{[^}]*color: t\.\$color-text-secondary;/)
    expect(scss).toMatch(/\.is-selected \.tab-bar__label \{[^}]*color: t\.\$color-brand-fill;/)
    expect(token('color-text-secondary')).toBe(tabBar.color)
    expect(token('color-brand-fill')).toBe(tabBar.selectedColor)
    const label = (selector: string) => Number(new RegExp(`${selector} \\{[^}]*--tab-bar-label: (\\d+)px;`).exec(scss)?.[1])
    expect(label('\\.tab-bar')).toBe(20)
    expect(label('\\.tab-bar\\.is-elder')).toBeGreaterThanOrEqual(28)
  })
})
