/**
 * A limit WeChat enforces on its own UI that a type cannot: showModal refuses a
 * confirmText or cancelText of more than 4 Chinese characters (the modal simply does
 * not open, in WeChat and in Taro's H5 alike). Scans every literal the app passes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const SRC = join(__dirname, '../../src')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.tsx?$/.test(name) ? [path] : []
  })
}

it('every modal button text is at most 4 characters', () => {
  const tooLong: string[] = []
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(/(confirmText|cancelText)\s*[:=]\s*['"`]([^'"`]*)['"`]/g)) {
      if ([...m[2]].length > 4) tooLong.push(`${relative(SRC, file)}: ${m[1]} '${m[2]}'`)
    }
  }
  expect(tooLong).toEqual([])
})
