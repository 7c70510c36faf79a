import { Text, View } from '@tarojs/components'
import { useMemo, useState } from 'react'
import type { PickerBuilding } from '../../../components'
import { Button, Empty, Modal, Page, QueryView, SectionTitle, TextField } from '../../../components'
import { useAccess, useAction, useQuery, useRefreshOnPullDown } from '../../../hooks'
import { toastError } from '../../../utils/feedback'
import '../admin.scss'
import './index.scss'

interface Shape {
  units: number
  floors: number
  roomsPerFloor: number
}

/**
 * A building's layout read back from its households. community.structure lists
 * households, not the numbers they were made from; rooms are `<floor><two-digit
 * number>` and units `N单元` (householdGrid on the server), so the largest of each
 * is the layout.
 */
function shapeOf(building: PickerBuilding): Shape {
  let units = 0
  let floors = 0
  let roomsPerFloor = 0
  for (const h of building.households) {
    const unit = parseInt(h.unit, 10)
    const room = Number(h.room)
    if (Number.isFinite(unit)) units = Math.max(units, unit)
    if (Number.isFinite(room)) {
      floors = Math.max(floors, Math.floor(room / 100))
      roomsPerFloor = Math.max(roomsPerFloor, room % 100)
    }
  }
  return { units, floors, roomsPerFloor }
}

interface Draft {
  buildingId: string | null
  name: string
  units: string
  floors: string
  roomsPerFloor: string
  /** The layout on record when growing a building; it cannot shrink. */
  before: Shape | null
}

const LIMITS = { units: [1, 20, '单元数'], floors: [1, 60, '层数'], roomsPerFloor: [1, 20, '每层户数'] } as const

// The server's limits, checked first for a friendlier message.
function checkDraft(draft: Draft): { problem: string } | { shape: Shape } {
  if (!draft.name.trim()) return { problem: '请填写楼栋名称' }
  if ([...draft.name.trim()].length > 20) return { problem: '楼栋名称最多 20 个字' }
  const shape = { units: 0, floors: 0, roomsPerFloor: 0 }
  for (const key of ['units', 'floors', 'roomsPerFloor'] as const) {
    const [min, max, label] = LIMITS[key]
    const n = Number(draft[key].trim())
    if (!draft[key].trim() || !Number.isInteger(n) || n < min || n > max) return { problem: `${label}应为 ${min} 到 ${max} 的整数` }
    if (draft.before && n < draft.before[key]) return { problem: `已有的房号不会删除，${label}只能增加` }
    shape[key] = n
  }
  if (shape.units * shape.floors * shape.roomsPerFloor > 1000) return { problem: '一栋楼最多 1000 户，请分成几栋登记' }
  return { shape }
}

export default function BuildingsPage() {
  const access = useAccess()
  const structure = useQuery('community.structure', {})
  const [draft, setDraft] = useState<Draft | null>(null)
  const save = useAction('community.building.save', {
    onDone: () => setDraft(null),
    done: (res) => (res.added > 0 ? `新增 ${res.added} 户` : '已保存'),
    refresh: structure.refresh,
  })
  useRefreshOnPullDown(structure.refresh)

  const buildings = useMemo(
    () => (structure.data?.buildings ?? []).map((b) => ({ ...b, shape: shapeOf(b) })),
    [structure.data],
  )

  const set = (key: 'name' | 'units' | 'floors' | 'roomsPerFloor') => (value: string) =>
    setDraft((d) => (d ? { ...d, [key]: value } : d))

  const total = draft ? Number(draft.units) * Number(draft.floors) * Number(draft.roomsPerFloor) : 0

  const submit = () => {
    if (!draft) return
    const checked = checkDraft(draft)
    if ('problem' in checked) return toastError({ message: checked.problem })
    void save.run({ ...(draft.buildingId ? { buildingId: draft.buildingId } : {}), name: draft.name.trim(), ...checked.shape })
  }

  return (
    <Page id="page-buildings">
      <QueryView query={structure} rows={4}>
        {() => (
          <>
            <Text className="admin-note">
              居民加入时从这里的楼栋和房号中选择自己的住处。可以新增楼栋，或给已有楼栋增加单元、楼层和每层户数；已有的房号不会删除。
            </Text>
            {access.canEditCommunity && (
              <Button
                id="building-add"
                block
                onClick={() => setDraft({ buildingId: null, name: '', units: '1', floors: '6', roomsPerFloor: '2', before: null })}
              >
                新增楼栋
              </Button>
            )}
            <SectionTitle title={`共 ${buildings.length} 栋`} />
            {buildings.length === 0 ? (
              <Empty id="buildings-empty" title="还没有登记楼栋" hint="登记楼栋后，居民才能选择住处加入社区。" />
            ) : (
              <View id="building-list" className="building-list">
                {buildings.map((b, index) => (
                  <View
                    key={b.id}
                    id={`building-row-${index}`}
                    className="building-row"
                    hoverClass={access.canEditCommunity ? 'is-pressed' : 'none'}
                    onClick={
                      access.canEditCommunity
                        ? () =>
                            setDraft({
                              buildingId: b.id,
                              name: b.name,
                              units: String(b.shape.units),
                              floors: String(b.shape.floors),
                              roomsPerFloor: String(b.shape.roomsPerFloor),
                              before: b.shape,
                            })
                        : undefined
                    }
                  >
                    <View className="building-row__body">
                      <Text className="building-row__name">{b.name}</Text>
                      <Text className="building-row__shape">
                        {b.shape.units} 个单元 · {b.shape.floors} 层 · 每层 {b.shape.roomsPerFloor} 户 · 共 {b.households.length} 户
                      </Text>
                    </View>
                    {access.canEditCommunity && <Text className="building-row__action">扩建</Text>}
                  </View>
                ))}
              </View>
            )}
          </>
        )}
      </QueryView>

      <Modal
        id="building-form"
        visible={draft !== null}
        placement="bottom"
        title={draft?.buildingId ? '扩建楼栋' : '新增楼栋'}
        footer={
          <>
            <Button id="building-cancel" variant="secondary" onClick={() => setDraft(null)}>
              取消
            </Button>
            <Button id="building-save" disabled={save.loading} onClick={submit}>
              {save.loading ? '正在保存…' : '保存'}
            </Button>
          </>
        }
      >
        {draft && (
          <>
            <TextField id="building-name" label="楼栋名称" value={draft.name} onChange={set('name')} maxLength={20} placeholder="例如 6号楼" />
            <View className="building-form__numbers">
              <TextField id="building-units" label="单元数" type="number" value={draft.units} onChange={set('units')} maxLength={2} />
              <TextField id="building-floors" label="层数" type="number" value={draft.floors} onChange={set('floors')} maxLength={2} />
              <TextField id="building-rooms" label="每层户数" type="number" value={draft.roomsPerFloor} onChange={set('roomsPerFloor')} maxLength={2} />
            </View>
            <Text id="building-preview" className="building-form__preview">
              {Number.isFinite(total) && total > 0
                ? `共 ${total} 户，每个单元房号从 101 到 ${Number(draft.floors)}${String(Number(draft.roomsPerFloor)).padStart(2, '0')}`
                : '请填写单元数、层数和每层户数'}
            </Text>
          </>
        )}
      </Modal>
    </Page>
  )
}
