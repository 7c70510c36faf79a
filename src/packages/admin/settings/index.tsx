import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ActionOutput } from '../../../api'
import { Button, Card, Page, QueryView, TextField } from '../../../components'
import { useAccess, useAction, useMe, useQuery } from '../../../hooks'
import { toastError } from '../../../utils/feedback'
import '../admin.scss'
import './index.scss'

type Saved = ActionOutput<'community.settings.get'>

/** The form keeps what the person typed; numbers are read when saving. */
interface Form {
  name: string
  street: string
  cosignThreshold: string
  satisfactionPercent: string
  starHours: string[]
  perServiceHour: string
  perAttendance: string
  perDeliberation: string
  capService: string
  capAttendance: string
  capDeliberation: string
  honourHoursCapPerYear: string
  certificateHead: string
}

const STARS = ['一星', '二星', '三星', '四星', '五星']

function formOf(saved: Saved): Form {
  const s = saved.settings
  return {
    name: saved.name,
    street: saved.street,
    cosignThreshold: String(s.cosignThreshold),
    satisfactionPercent: String(Math.round(s.satisfactionBar * 100)),
    starHours: s.starHours.map(String),
    perServiceHour: String(s.points.perServiceHour),
    perAttendance: String(s.points.perAttendance),
    perDeliberation: String(s.points.perDeliberation),
    capService: String(s.points.dailyCap.service),
    capAttendance: String(s.points.dailyCap.attendance),
    capDeliberation: String(s.points.dailyCap.deliberation),
    honourHoursCapPerYear: String(s.honourHoursCapPerYear),
    certificateHead: s.certificateHead ?? '',
  }
}

type NumberKey = Exclude<keyof Form, 'name' | 'street' | 'starHours' | 'certificateHead'>

interface NumberSetting {
  id: string
  label: string
  /** how a problem names it, where the label alone would not say which */
  named?: string
  suffix: string
  min: number
  max: number
  hint?: string
}

// The same bounds as the server's settings schema, checked first for a friendlier
// message; the server checks again and its message is shown when it disagrees.
const NUMBERS: Record<NumberKey, NumberSetting> = {
  cosignThreshold: { id: 'settings-cosign', label: '附议门槛', suffix: '人', min: 1, max: 500, hint: '居民说的事有这么多邻居附议，就成为候选议题。' },
  satisfactionPercent: { id: 'settings-satisfaction', label: '满意率底线', suffix: '%', min: 50, max: 100, hint: '办完的事评价“满意”和“基本满意”的比例低于这个数，就退回重新办理（50–100）。' },
  perServiceHour: { id: 'settings-points-hour', label: '每服务 1 小时', named: '每服务 1 小时积分', suffix: '分', min: 0, max: 1000 },
  perAttendance: { id: 'settings-points-attendance', label: '每次签到参加', named: '每次签到参加积分', suffix: '分', min: 0, max: 1000, hint: '参加活动或议事会并扫码签到（已认证居民）。' },
  perDeliberation: { id: 'settings-points-deliberation', label: '每次参与议事', named: '每次参与议事积分', suffix: '分', min: 0, max: 1000 },
  capService: { id: 'settings-cap-service', label: '志愿服务', named: '服务积分每日上限', suffix: '分', min: 1, max: 100000 },
  capAttendance: { id: 'settings-cap-attendance', label: '签到参加', named: '参加积分每日上限', suffix: '分', min: 1, max: 100000 },
  capDeliberation: { id: 'settings-cap-deliberation', label: '参与议事', named: '议事积分每日上限', suffix: '分', min: 1, max: 100000, hint: '当天达到上限后，同类积分次日再计；管理员的调整不受上限限制。' },
  honourHoursCapPerYear: { id: 'settings-honour-cap', label: '每人每年上限', named: '荣誉时长上限', suffix: '小时', min: 0, max: 1000, hint: '组织者手工补记的时长（非扫码记录）计为荣誉时长，不计入星级。' },
}

const STAR_MAX = 10000

/** A whole number within bounds, or the sentence saying what is wrong. */
function whole(value: string, label: string, min: number, max: number): number | string {
  const n = Number(value.trim())
  if (!value.trim() || !Number.isInteger(n)) return `${label}请填写整数`
  if (n < min || n > max) return `${label}应在 ${min} 到 ${max} 之间`
  return n
}

function settingsFrom(form: Form) {
  const keys = Object.keys(NUMBERS) as NumberKey[]
  const checked = keys.map((key) => whole(form[key], NUMBERS[key].named ?? NUMBERS[key].label, NUMBERS[key].min, NUMBERS[key].max))
  const starsChecked = form.starHours.map((h, i) => whole(h, `${STARS[i]}时长`, 1, STAR_MAX))
  // The first problem in the order of the form: the 议事 numbers sit above the stars, the rest below.
  const problem = [...checked.slice(0, 2), ...starsChecked, ...checked.slice(2)].find((v): v is string => typeof v === 'string')
  if (problem) return { problem }
  const n = Object.fromEntries(keys.map((key, i) => [key, checked[i]])) as Record<NumberKey, number>
  const stars = starsChecked as number[]
  if (stars.some((h, i) => i > 0 && h <= stars[i - 1])) return { problem: '星级时长须逐级递增' }
  if (!form.name.trim()) return { problem: '请填写社区名称' }
  if (!form.street.trim()) return { problem: '请填写所属街道' }
  return {
    settings: {
      cosignThreshold: n.cosignThreshold,
      satisfactionBar: n.satisfactionPercent / 100,
      starHours: stars,
      points: {
        perServiceHour: n.perServiceHour,
        perAttendance: n.perAttendance,
        perDeliberation: n.perDeliberation,
        dailyCap: { service: n.capService, attendance: n.capAttendance, deliberation: n.capDeliberation },
      },
      honourHoursCapPerYear: n.honourHoursCapPerYear,
      certificateHead: form.certificateHead.trim() || null,
    },
  }
}

export default function SettingsPage() {
  const me = useMe()
  const access = useAccess()
  const saved = useQuery('community.settings.get', {})

  return (
    <Page id="page-settings">
      {/* Whether the form is editable depends on who asks: wait for both answers. */}
      <QueryView query={me} rows={6}>
        {() => (
          <QueryView query={saved} rows={6}>
            {(data) => <SettingsForm saved={data} readOnly={!access.canEditCommunity} refresh={saved.refresh} />}
          </QueryView>
        )}
      </QueryView>
    </Page>
  )
}

/** Mounted with the saved settings, so the fields start from them and keep what is typed. */
function SettingsForm({ saved, readOnly, refresh }: { saved: Saved; readOnly: boolean; refresh: () => Promise<void> }) {
  const update = useAction('community.settings.update', { done: '已保存', refresh })
  const [form, setForm] = useState<Form>(() => formOf(saved))

  const set = <K extends keyof Form>(key: K) => (value: Form[K]) => setForm((f) => ({ ...f, [key]: value }))
  const setStar = (index: number) => (value: string) =>
    setForm((f) => ({ ...f, starHours: f.starHours.map((h, i) => (i === index ? value : h)) }))

  const numberFields = (keys: NumberKey[]) =>
    keys.map((key) => {
      const { id, label, suffix, max, hint } = NUMBERS[key]
      return <TextField key={key} id={id} label={label} type="number" suffix={suffix} value={form[key]} onChange={set(key)} maxLength={String(max).length} disabled={readOnly} hint={hint} />
    })

  const save = () => {
    const checked = settingsFrom(form)
    if ('problem' in checked) return toastError({ message: checked.problem })
    void update.run({ name: form.name.trim(), street: form.street.trim(), settings: checked.settings })
  }

  return (
    <>
      {readOnly && <Text className="admin-note">只有社区管理员可以修改设置。</Text>}
      <Card title="社区">
        <TextField id="settings-name" label="社区名称" value={form.name} onChange={set('name')} maxLength={30} disabled={readOnly} />
        <TextField id="settings-street" label="所属街道" value={form.street} onChange={set('street')} maxLength={30} disabled={readOnly} />
      </Card>

      <Card title="议事">{numberFields(['cosignThreshold', 'satisfactionPercent'])}</Card>

      <Card title="星级志愿者（累计服务时长）">
        <View className="settings-stars">
          {form.starHours.map((hours, index) => (
            <TextField
              key={STARS[index]}
              id={`settings-star-${index + 1}`}
              className="settings-stars__field"
              label={STARS[index]}
              type="number"
              value={hours}
              onChange={setStar(index)}
              maxLength={String(STAR_MAX).length}
              disabled={readOnly}
            />
          ))}
        </View>
        <Text className="settings-hint">单位：小时，须逐级递增。全国通行标准为 100/300/600/1000/1500 小时。</Text>
      </Card>

      <Card title="积分规则">{numberFields(['perServiceHour', 'perAttendance', 'perDeliberation'])}</Card>
      <Card title="每人每日积分上限">{numberFields(['capService', 'capAttendance', 'capDeliberation'])}</Card>
      <Card title="荣誉时长">{numberFields(['honourHoursCapPerYear'])}</Card>

      <Card title="志愿服务记录证明">
        <TextField
          id="settings-certificate-head"
          label="负责人"
          value={form.certificateHead}
          onChange={set('certificateHead')}
          maxLength={20}
          placeholder="如：居委会主任姓名"
          disabled={readOnly}
          hint="印在证明的“负责人”一栏；不填则留空由负责人手签。经办人为审核该志愿者登记的居委会成员（按其实名）。"
        />
      </Card>

      {!readOnly && (
        <Button id="settings-save" block disabled={update.loading} onClick={save}>
          {update.loading ? '正在保存…' : '保存设置'}
        </Button>
      )}
    </>
  )
}
