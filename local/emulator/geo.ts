/**
 * Geo queries as CloudBase (MongoDB 2dsphere) answers them, on GeoJSON values
 * (`db.Geo.Point` and friends arrive as `{type, coordinates}`) and legacy
 * `[lng, lat]` pairs. Everything is on the sphere, as MongoDB's S2 geometry is:
 * distances are great-circle angles on a sphere of radius 6378.1 km, in metres;
 * the edges of lines and polygons are great-circle arcs (shortest paths), not
 * straight lines in degrees — a long east–west edge bows towards the pole — and a
 * polygon is the smaller of the two regions its ring bounds (MongoDB's rule for
 * polygons without its big-polygon CRS). geolib's polygon test is planar, so the
 * few lines of vector geometry below are our own.
 */
import { MingoError } from 'mingo/util'
import { isPlainObject, type Doc } from './ejson'

type Position = [lng: number, lat: number]
type Ring = Position[]
/** outer ring first, then holes */
type Polygon = Ring[]

interface Shape {
  points: Position[]
  lines: Position[][]
  polygons: Polygon[]
}

/** MongoDB's kRadiusOfEarthInMeters. */
export const MONGO_EARTH_RADIUS_M = 6_378_100

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

function position(value: unknown): Position | null {
  if (Array.isArray(value) && value.length >= 2 && isNumber(value[0]) && isNumber(value[1])) return [value[0], value[1]]
  return null
}

function positions(value: unknown): Position[] | null {
  if (!Array.isArray(value)) return null
  const out = value.map(position)
  return out.every((p): p is Position => p !== null) ? out : null
}

function polygon(value: unknown): Polygon | null {
  if (!Array.isArray(value) || value.length === 0) return null
  const rings = value.map(positions)
  return rings.every((r): r is Ring => r !== null && r.length >= 4) ? rings : null
}

/** A stored or queried geometry as points, lines and polygons; null when the value is none. */
export function shapeOf(value: unknown): Shape | null {
  const pair = position(value)
  if (pair) return { points: [pair], lines: [], polygons: [] }
  if (!isPlainObject(value) || typeof value.type !== 'string') return null
  const c = value.coordinates
  const empty: Shape = { points: [], lines: [], polygons: [] }
  switch (value.type) {
    case 'Point': {
      const p = position(c)
      return p && { ...empty, points: [p] }
    }
    case 'MultiPoint': {
      const ps = positions(c)
      return ps && { ...empty, points: ps }
    }
    case 'LineString': {
      const line = positions(c)
      return line && { ...empty, lines: [line] }
    }
    case 'MultiLineString': {
      const lines = Array.isArray(c) ? c.map(positions) : null
      return lines && lines.every((l): l is Position[] => l !== null) ? { ...empty, lines } : null
    }
    case 'Polygon': {
      const p = polygon(c)
      return p && { ...empty, polygons: [p] }
    }
    case 'MultiPolygon': {
      const ps = Array.isArray(c) ? c.map(polygon) : null
      return ps && ps.every((p): p is Polygon => p !== null) ? { ...empty, polygons: ps } : null
    }
    default:
      return null
  }
}

const radians = (degrees: number) => degrees * (Math.PI / 180)

type Vec = [number, number, number]

function unitVector([lng, lat]: Position): Vec {
  const [phi, theta] = [radians(lat), radians(lng)]
  return [Math.cos(phi) * Math.cos(theta), Math.cos(phi) * Math.sin(theta), Math.sin(phi)]
}

const dot = (a: Vec, b: Vec) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
const cross = (a: Vec, b: Vec): Vec => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
const vecAngle = (a: Vec, b: Vec) => Math.atan2(Math.hypot(...cross(a, b)), dot(a, b))

/**
 * The angle between two positions seen from the earth's centre, computed as S2
 * (MongoDB's geometry library) does — atan2 of the cross and dot products of the unit
 * vectors — so distances equal MongoDB's to the last bit: the SDK's own aggregation
 * test expects 6643.521654040738 m, which geolib's arc-cosine formula misses by 1e-6 m.
 */
export function angle(a: Position, b: Position): number {
  return vecAngle(unitVector(a), unitVector(b))
}

/** Great-circle distance in metres on MongoDB's sphere. */
export const distance = (a: Position, b: Position) => angle(a, b) * MONGO_EARTH_RADIUS_M

const segments = (line: Position[]) => line.slice(1).map((p, i): [Position, Position] => [line[i], p])

/** ~6 mm on the earth: how far off an arc a point may be and still lie on it (rounding). */
const ON_ARC = 1e-9

/** Whether `p` lies on the shorter great-circle arc from `a` to `b`. */
const onArcV = (p: Vec, a: Vec, b: Vec) => Math.abs(vecAngle(a, p) + vecAngle(p, b) - vecAngle(a, b)) < ON_ARC
const onArc = (p: Position, [a, b]: [Position, Position]) => onArcV(unitVector(p), unitVector(a), unitVector(b))
const onRing = (p: Position, ring: Ring) => segments(ring).some((edge) => onArc(p, edge))

/**
 * Whether a ring's arcs bound `p` inside the smaller region. Seen from `p`, the
 * arcs sweep a total angle of ±2π when the ring separates `p` from its antipode and
 * 0 when it does not (an arc shorter than π never sweeps π or more). Of the two
 * regions, the one to the ring's left is the smaller when the ring turns left in
 * total (Gauss–Bonnet: its area is 2π minus the turning); `p` is in that region
 * when it sees the ring go round it anticlockwise, and the other way round.
 */
function insideRing(p: Position, ring: Ring): boolean {
  const at = unitVector(p)
  const distinct = ring.filter((q, i) => i === 0 || !same(q, ring[i - 1]))
  if (distinct.length > 1 && same(distinct[0], distinct[distinct.length - 1])) distinct.pop()
  if (distinct.length < 3) return false
  const vs = distinct.map(unitVector)
  let sweep = 0
  let turning = 0
  for (let i = 0; i < vs.length; i++) {
    const [prev, v, next] = [vs[(i + vs.length - 1) % vs.length], vs[i], vs[(i + 1) % vs.length]]
    sweep += Math.atan2(dot(at, cross(v, next)), dot(v, next) - dot(v, at) * dot(next, at))
    // Directions along the ring at v: arriving from prev, leaving towards next (tangent plane at v).
    const arriving = tangent(v, prev).map((x) => -x) as Vec
    const leaving = tangent(v, next)
    turning += Math.atan2(dot(v, cross(arriving, leaving)), dot(arriving, leaving))
  }
  return Math.abs(sweep) > Math.PI && Math.sign(sweep) === Math.sign(turning)
}

/** The direction from `from` towards `to`, in the plane tangent to the sphere at `from` (unscaled). */
function tangent(from: Vec, to: Vec): Vec {
  const k = dot(from, to)
  return [to[0] - k * from[0], to[1] - k * from[1], to[2] - k * from[2]]
}

function inPolygon(p: Position, [outer, ...holes]: Polygon): boolean {
  if (!insideRing(p, outer) && !onRing(p, outer)) return false
  return !holes.some((hole) => insideRing(p, hole) && !onRing(p, hole))
}

/** Every position a shape touches, polygon rings included. */
const vertices = (s: Shape): Position[] => [...s.points, ...s.lines.flat(), ...s.polygons.flat(2)]
const edges = (s: Shape) => [...s.lines.flatMap(segments), ...s.polygons.flat().flatMap(segments)]

/** Whether two great-circle arcs meet: where their great circles cross (two antipodal points), is one on both? */
function crosses(e: [Position, Position], f: [Position, Position]): boolean {
  const [a, b, c, d] = [...e, ...f].map(unitVector)
  const meet = cross(cross(a, b), cross(c, d))
  const length = Math.hypot(...meet)
  // One great circle: overlapping arcs share a vertex on the other, which touches() sees.
  if (length < 1e-15) return false
  return [1, -1].some((sign) => {
    const x = meet.map((v) => (sign * v) / length) as Vec
    return onArcV(x, a, b) && onArcV(x, c, d)
  })
}

const same = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1]

function touches(p: Position, s: Shape): boolean {
  return (
    s.points.some((q) => same(p, q)) ||
    s.lines.some((line) => segments(line).some((edge) => onArc(p, edge))) ||
    s.polygons.some((poly) => inPolygon(p, poly))
  )
}

export function intersects(a: Shape, b: Shape): boolean {
  if (vertices(a).some((p) => touches(p, b)) || vertices(b).some((p) => touches(p, a))) return true
  const bEdges = edges(b)
  return edges(a).some((e) => bEdges.some((f) => crosses(e, f)))
}

function geometryArg(expr: unknown, operator: string): Shape {
  const geometry = isPlainObject(expr) ? expr.$geometry : undefined
  const shape = shapeOf(geometry)
  if (!shape) throw new MingoError(`${operator} needs {$geometry: a GeoJSON Point, LineString or Polygon}`)
  return shape
}

/** `{$geoWithin: {$geometry: Polygon | MultiPolygon}}` or `{$geoWithin: {$centerSphere: [[lng, lat], radians]}}`. */
export function withinTest(expr: unknown): (value: unknown) => boolean {
  if (isPlainObject(expr) && '$centerSphere' in expr) {
    const [center, radius] = Array.isArray(expr.$centerSphere) ? expr.$centerSphere : []
    const c = position(center)
    if (!c || Math.abs(c[0]) > 180 || Math.abs(c[1]) > 90 || !isNumber(radius) || radius < 0) {
      throw new MingoError('$centerSphere needs [[longitude, latitude], radius in radians]')
    }
    return (value) => {
      const s = shapeOf(value)
      return !!s && vertices(s).every((p) => angle(c, p) <= radius)
    }
  }
  const region = geometryArg(expr, '$geoWithin')
  if (!region.polygons.length) throw new MingoError('$geoWithin $geometry must be a Polygon or MultiPolygon')
  return (value) => {
    const s = shapeOf(value)
    const outline = s && [...s.points, ...s.lines.flat(), ...s.polygons.map((p) => p[0]).flat()]
    return !!outline && outline.length > 0 && outline.every((p) => region.polygons.some((poly) => inPolygon(p, poly)))
  }
}

export function intersectsTest(expr: unknown): (value: unknown) => boolean {
  const region = geometryArg(expr, '$geoIntersects')
  return (value) => {
    const s = shapeOf(value)
    return !!s && intersects(s, region)
  }
}

export interface Near {
  point: Position
  min: number
  max: number
}

/** `{$nearSphere|$near: {$geometry: Point, $minDistance, $maxDistance}}` (metres), as the SDK's geoNear sends it. */
export function nearOf(expr: unknown, operator: string): Near {
  const point = isPlainObject(expr) ? shapeOf(expr.$geometry)?.points : undefined
  if (!isPlainObject(expr) || !point || point.length !== 1 || expr.$geometry === undefined || (expr.$geometry as Doc).type !== 'Point') {
    throw new MingoError(`${operator} needs {$geometry: a GeoJSON Point}`)
  }
  const bound = (v: unknown, fallback: number) => (v === undefined || v === null ? fallback : isNumber(v) && v >= 0 ? v : NaN)
  const near = { point: point[0], min: bound(expr.$minDistance, 0), max: bound(expr.$maxDistance, Infinity) }
  if (Number.isNaN(near.min) || Number.isNaN(near.max)) throw new MingoError(`${operator} distances must be non-negative numbers of metres`)
  return near
}

/** The distance from `near` to the nearest position of a value, or null when it holds no geometry. */
export function distanceFrom(near: Position, value: unknown): number | null {
  const s = shapeOf(value)
  if (!s) return null
  if (s.polygons.some((poly) => inPolygon(near, poly))) return 0
  const all = vertices(s)
  return all.length ? Math.min(...all.map((p) => distance(near, p))) : null
}

/** The first `$nearSphere` / `$near` of a filter (top level or inside `$and`), for sorting by distance. */
export function findNear(filter: Doc): { field: string; near: Near } | null {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const part of value) {
        const found = isPlainObject(part) ? findNear(part) : null
        if (found) return found
      }
    } else if (!key.startsWith('$') && isPlainObject(value)) {
      for (const op of ['$nearSphere', '$near'] as const) if (op in value) return { field: key, near: nearOf(value[op], op) }
    }
  }
  return null
}
