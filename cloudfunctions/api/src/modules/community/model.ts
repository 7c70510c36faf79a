/** Communities, buildings and households: the places residents live. */
import { randomInt } from 'node:crypto'
import type { ScopedDb, StoredDoc } from '../../platform/db'
import type { CommunityDoc as Community, Directory } from '../../platform/directory'
import { notFound } from '../../platform/errors'

export type { Community }

export interface Building extends StoredDoc {
  name: string
  units: number
  floors: number
  roomsPerFloor?: number
  order?: number
}

export interface Household extends StoredDoc {
  buildingId: string
  unit: string
  room: string
  label: string
}

/**
 * Invite codes are drawn from letters and digits nobody confuses when reading one
 * aloud or typing it (no 0/O, 1/I/L): 31 symbols, 12 of them, about 2^59 codes, so
 * that guessing one at the 20 lookups an hour each person is allowed is hopeless.
 * (The demo community keeps its readable LJ2026.)
 */
const INVITE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const INVITE_LENGTH = 12

export const newInviteCode = () => Array.from({ length: INVITE_LENGTH }, () => INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)]).join('')

export const normalizeInvite = (code: string) => code.replace(/[\s-]/g, '').toUpperCase()

export async function communityByInvite(directory: Directory, inviteCode: string): Promise<Community> {
  const community = await directory.communityByInvite(normalizeInvite(inviteCode))
  if (!community) throw notFound('邀请码不正确，请向居委会或楼栋长确认')
  return community
}

/** Buildings with their households, in a stable order (a large community pages through households). */
export async function structureOf(db: ScopedDb) {
  const buildings = await db.collection<Building>('buildings').find({}, { orderBy: [['order', 'asc'], ['name', 'asc']], limit: 1000 })
  const households: Household[] = []
  for (let skip = 0; ; skip += 1000) {
    const page = await db.collection<Household>('households').find({}, { orderBy: [['_id', 'asc']], skip, limit: 1000 })
    households.push(...page)
    if (page.length < 1000) break
  }
  return buildings.map((b) => ({
    id: b._id,
    name: b.name,
    units: b.units,
    floors: b.floors,
    roomsPerFloor: b.roomsPerFloor ?? 1,
    households: households
      .filter((h) => h.buildingId === b._id)
      .sort((a, c) => a.unit.localeCompare(c.unit, 'zh') || Number(a.room) - Number(c.room))
      .map((h) => ({ id: h._id, unit: h.unit, room: h.room, label: h.label })),
  }))
}

/** The households of a building laid out as units × floors × rooms: ids like `<building>-1-302`. */
export function householdGrid(building: Pick<Building, '_id' | 'name' | 'units' | 'floors'> & { roomsPerFloor: number }) {
  const out: Array<{ _id: string; buildingId: string; unit: string; room: string; label: string }> = []
  for (let unit = 1; unit <= building.units; unit++) {
    for (let floor = 1; floor <= building.floors; floor++) {
      for (let r = 1; r <= building.roomsPerFloor; r++) {
        const room = `${floor}${String(r).padStart(2, '0')}`
        out.push({
          _id: `${building._id}-${unit}-${room}`,
          buildingId: building._id,
          unit: `${unit}单元`,
          room,
          label: `${building.name}${unit}单元${room}`,
        })
      }
    }
  }
  return out
}
