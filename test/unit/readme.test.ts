import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { renderReference, spliceReference } from '../../scripts/api-reference'

const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8')

describe('README', () => {
  it('opens with the two commands a newcomer runs', () => {
    const head = readme.split('\n').slice(0, 20).join('\n')
    expect(head).toContain('npm install && npm start')
    expect(head).toContain('npm test')
  })
  it('carries the API reference generated from system.describe (run npm run docs:api)', async () => {
    expect(spliceReference(readme, await renderReference())).toBe(readme)
  })
})
