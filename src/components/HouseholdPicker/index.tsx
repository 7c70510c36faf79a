import { Text, View } from '@tarojs/components'
import { useEffect, useMemo, useState } from 'react'
import { ChipGroup } from '../ChipGroup'
import { Empty } from '../Empty'
import './index.scss'

export interface PickerHousehold {
  id: string
  unit: string
  room: string
  label: string
}

export interface PickerBuilding {
  id: string
  name: string
  households: PickerHousehold[]
}

export interface HouseholdPickerProps {
  /** The community's own list (community.lookup / community.structure), in its order. */
  buildings: PickerBuilding[]
  /** The chosen household's id, or null. */
  value: string | null
  onChange: (householdId: string | null) => void
  /** Names the three sections: `<prefix>-building`, `<prefix>-unit`, `<prefix>-room`. */
  idPrefix: string
}

const sectionOf = (buildings: PickerBuilding[], householdId: string | null) => {
  for (const building of buildings) {
    const household = building.households.find((h) => h.id === householdId)
    if (household) return { buildingId: building.id, unit: household.unit }
  }
  return { buildingId: null, unit: null }
}

/**
 * 楼栋 → 单元 → 房号 as three rows of chips, each shown once the one before is
 * chosen. Chips carry ids `building-<index>`, `unit-<index>` and `room-<room>`.
 */
export function HouseholdPicker({ buildings, value, onChange, idPrefix }: HouseholdPickerProps) {
  const [buildingId, setBuildingId] = useState<string | null>(() => sectionOf(buildings, value).buildingId)
  const [unit, setUnit] = useState<string | null>(() => sectionOf(buildings, value).unit)
  // A household chosen from outside (the one on record, arriving later) opens its building and unit.
  useEffect(() => {
    const at = sectionOf(buildings, value)
    if (!at.buildingId) return
    setBuildingId(at.buildingId)
    setUnit(at.unit)
  }, [buildings, value])

  const building = buildings.find((b) => b.id === buildingId) ?? null
  const units = useMemo(() => [...new Set(building?.households.map((h) => h.unit) ?? [])], [building])
  // A building of one unit needs no unit step.
  const shownUnit = units.length === 1 ? units[0] : unit
  const rooms = building?.households.filter((h) => h.unit === shownUnit) ?? []
  const chosen = buildings.flatMap((b) => b.households).find((h) => h.id === value) ?? null

  if (buildings.length === 0) {
    return <Empty title="社区还没有登记楼栋" hint="请联系居委会登记楼栋和房号后再选择。" />
  }

  const chooseBuilding = (id: string) => {
    if (id === buildingId) return
    setBuildingId(id)
    setUnit(null)
    onChange(null)
  }
  const chooseUnit = (next: string) => {
    if (next === shownUnit) return
    setUnit(next)
    onChange(null)
  }

  return (
    <View className="household-picker">
      <Text className="household-picker__step">楼栋</Text>
      <ChipGroup
        id={`${idPrefix}-building`}
        wide
        options={buildings.map((b, index) => ({ value: b.id, label: b.name, id: `building-${index}` }))}
        selected={buildingId ? [buildingId] : []}
        onSelect={chooseBuilding}
      />

      {building && units.length > 1 && (
        <>
          <Text className="household-picker__step">单元</Text>
          <ChipGroup
            id={`${idPrefix}-unit`}
            options={units.map((u, index) => ({ value: u, label: u, id: `unit-${index}` }))}
            selected={shownUnit ? [shownUnit] : []}
            onSelect={chooseUnit}
          />
        </>
      )}

      {building && shownUnit && (
        <>
          <Text className="household-picker__step">房号</Text>
          <ChipGroup
            id={`${idPrefix}-room`}
            options={rooms.map((h) => ({ value: h.id, label: h.room, id: `room-${h.room}` }))}
            selected={value ? [value] : []}
            onSelect={onChange}
          />
        </>
      )}

      {building && building.households.length === 0 && (
        <Text className="household-picker__hint">这栋楼还没有登记房号，请联系居委会。</Text>
      )}

      <Text id={`${idPrefix}-chosen`} className="household-picker__chosen">
        {chosen ? `已选：${chosen.label}` : '请依次选择楼栋、单元和房号'}
      </Text>
    </View>
  )
}
