/**
 * The design tokens used for text reach WCAG AA (4.5:1) on the surfaces they sit
 * on: white cards, the page background, and (for tags) their own soft tint. The
 * bright WeChat accents stay for fills and icons only.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const tokens = readFileSync(join(__dirname, '../../src/theme/tokens.scss'), 'utf8')

function token(name: string): string {
  const variable = new RegExp(`--${name}:\\s*([^;]+);`).exec(tokens)?.[1]?.trim()
  if (!variable) throw new Error(`no token --${name}`)
  const sass = /^#\{\$([a-z-]+)\}$/.exec(variable)
  return sass ? new RegExp(`\\$${sass[1]}:\\s*([^;]+);`).exec(tokens)![1].trim() : variable
}

/** [r, g, b, a] of #rgb, #rrggbb or rgba(). */
function rgba(colour: string): [number, number, number, number] {
  const rgbaMatch = /^rgba\((\d+),\s*(\d+),\s*(\d+),\s*([\d.]+)\)$/.exec(colour)
  if (rgbaMatch) return [Number(rgbaMatch[1]), Number(rgbaMatch[2]), Number(rgbaMatch[3]), Number(rgbaMatch[4])]
  let hex = colour.replace('#', '')
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('')
  return [parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2, 4), 16), parseInt(hex.slice(4, 6), 16), 1]
}

/** A translucent colour laid over an opaque one. */
function over(top: string, below: string): [number, number, number] {
  const [r, g, b, a] = rgba(top)
  const [R, G, B] = rgba(below)
  return [r * a + R * (1 - a), g * a + G * (1 - a), b * a + B * (1 - a)]
}

function luminance([r, g, b]: [number, number, number]): number {
  const lin = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4)
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

function contrast(fg: string, bg: [number, number, number]): number {
  const [a, b] = [luminance(over(fg, '#ffffff')), luminance(bg)]
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)
}

const WHITE = over('#ffffff', '#ffffff')
const PAGE = over(token('color-bg'), '#ffffff')

describe('text colours reach WCAG AA', () => {
  it.each(['color-text', 'color-text-secondary', 'color-link', 'color-brand-text', 'color-warning-text', 'color-danger-text'])('%s on white and on the page background', (name) => {
    expect(contrast(token(name), WHITE)).toBeGreaterThanOrEqual(4.5)
    expect(contrast(token(name), PAGE)).toBeGreaterThanOrEqual(4.5)
  })

  it('tertiary text (times, hints) on white cards', () => {
    expect(contrast(token('color-text-tertiary'), WHITE)).toBeGreaterThanOrEqual(4.5)
  })

  it.each([
    ['color-brand-text', 'color-brand-soft'],
    ['color-warning-text', 'color-warning-soft'],
    ['color-danger-text', 'color-danger-soft'],
  ])('tag text %s on its tint %s', (text, tint) => {
    expect(contrast(token(text), over(token(tint), '#ffffff'))).toBeGreaterThanOrEqual(4.5)
  })

  it.each(['color-brand-fill', 'color-danger-fill', 'color-accent-green', 'color-accent-blue', 'color-accent-orange', 'color-accent-red', 'color-accent-purple'])(
    'white text and glyphs on the fill %s',
    (fill) => {
      expect(contrast(token('color-on-brand'), over(token(fill), '#ffffff'))).toBeGreaterThanOrEqual(4.5)
    },
  )

  it('the tab bar labels, selected and not, on the white bar', () => {
    const config = readFileSync(join(__dirname, '../../src/app.config.ts'), 'utf8')
    for (const key of ['color', 'selectedColor']) {
      const colour = new RegExp(`\\b${key}: '(#[0-9a-f]+)'`).exec(config)?.[1]
      expect(colour).toBeDefined()
      expect(contrast(colour!, WHITE)).toBeGreaterThanOrEqual(4.5)
    }
  })

  it('knows the bright accents would fail as text (the reason for the text tokens)', () => {
    expect(contrast(token('color-brand'), WHITE)).toBeLessThan(4.5)
  })
})
