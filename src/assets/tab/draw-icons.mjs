// Draws the tab bar icons (81×81 PNG, WeChat's recommended size) as simple line
// glyphs, grey and WeChat green. Run with `node src/assets/tab/draw-icons.mjs`;
// the PNGs beside this file are its committed output.
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PNG } from 'pngjs'

const SIZE = 81
const STROKE = 5.5 // line width in px
const SAMPLES = 4 // per axis, for anti-aliasing
const COLORS = { normal: [0x88, 0x88, 0x88], active: [0x07, 0xc1, 0x60] }

// Distance helpers; a shape is a function (x, y) → distance to its line,
// or ≤ 0 inside for filled shapes.
const segment = (ax, ay, bx, by) => (x, y) => {
  const dx = bx - ax
  const dy = by - ay
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(x - ax - t * dx, y - ay - t * dy)
}
const polyline = (...points) => {
  const parts = []
  for (let i = 0; i + 3 < points.length; i += 2) parts.push(segment(...points.slice(i, i + 4)))
  return (x, y) => Math.min(...parts.map((part) => part(x, y)))
}
const ring = (cx, cy, r) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r)
const dot = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r + STROKE / 2
// Upper half of a ring, closed by its diameter: a bust's shoulders.
const shoulders = (cx, cy, r) => {
  const arc = ring(cx, cy, r)
  const base = segment(cx - r, cy, cx + r, cy)
  return (x, y) => Math.min(y <= cy ? arc(x, y) : Infinity, base(x, y))
}
const roundRect = (cx, cy, hw, hh, r) => (x, y) => {
  const qx = Math.abs(x - cx) - (hw - r)
  const qy = Math.abs(y - cy) - (hh - r)
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0))
  return Math.abs(outside + Math.min(Math.max(qx, qy), 0) - r)
}
const union = (...shapes) => (x, y) => Math.min(...shapes.map((shape) => shape(x, y)))

const ICONS = {
  // 首页: a house with a door
  home: union(
    polyline(11, 38, 40.5, 12, 70, 38),
    polyline(20, 33, 20, 68, 61, 68, 61, 33),
    polyline(34, 68, 34, 52, 47, 52, 47, 68),
  ),
  // 议事: a speech bubble with three dots
  council: union(
    roundRect(40.5, 35, 29, 23, 10),
    polyline(25, 58, 19, 70, 37, 58),
    dot(28, 35, 3.8),
    dot(40.5, 35, 3.8),
    dot(53, 35, 3.8),
  ),
  // 活动: a calendar page with a tick
  activities: union(
    roundRect(40.5, 44, 28, 25, 8),
    segment(28, 12, 28, 24),
    segment(53, 12, 53, 24),
    polyline(28, 46, 37, 55, 53, 39),
  ),
  // 邻里: two neighbours side by side
  neighbours: union(ring(25, 30, 8.5), shoulders(25, 63, 12.5), ring(56, 30, 8.5), shoulders(56, 63, 12.5)),
  // 我的: one person
  me: union(ring(40.5, 27, 11.5), shoulders(40.5, 67, 23)),
}

function draw(shape, [r, g, b]) {
  const png = new PNG({ width: SIZE, height: SIZE })
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let hits = 0
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = px + (sx + 0.5) / SAMPLES
          const y = py + (sy + 0.5) / SAMPLES
          if (shape(x, y) <= STROKE / 2) hits++
        }
      }
      const i = (py * SIZE + px) * 4
      png.data[i] = r
      png.data[i + 1] = g
      png.data[i + 2] = b
      png.data[i + 3] = Math.round((255 * hits) / (SAMPLES * SAMPLES))
    }
  }
  return PNG.sync.write(png, { colorType: 6 })
}

const here = dirname(fileURLToPath(import.meta.url))
for (const [name, shape] of Object.entries(ICONS)) {
  writeFileSync(join(here, `${name}.png`), draw(shape, COLORS.normal))
  writeFileSync(join(here, `${name}-active.png`), draw(shape, COLORS.active))
}
console.log(`wrote ${Object.keys(ICONS).length * 2} icons to ${here}`)
