import { Text, Textarea, View } from '@tarojs/components'
import { useMemo, useState } from 'react'
import { now } from '../../../api/clock'
import { Button, Card, ChipGroup, Empty, Page, QueryView, TextField, Toggle } from '../../../components'
import { useAccess, useAction, useMe, useQuery } from '../../../hooks'
import { replacePage } from '../../../routes'
import { inChina } from '../../../utils/date'
import { toastError } from '../../../utils/feedback'
import '../council.scss'

const DAY = 86_400_000
const NO_TOPIC = 'none'
const NOW = 'now'
const ALL_BUILDINGS = 'all'

type Rule = 'simple' | 'twoThirds' | 'double' | 'doubleTwoThirds'
type Tab = 'matter' | 'rules' | 'timing'

const RULE_LABELS: Record<Rule, string> = { simple: '过半数同意', twoThirds: '三分之二以上', double: '双过半', doubleTwoThirds: '双三分之二' }

// The motions a committee puts most often: one tap sets who votes and how it
// passes; everything stays editable.
const PRESETS = {
  lift: { label: '加装电梯', unit: 'household', rule: 'doubleTwoThirds', quorum: '0', days: '14', oneBuilding: true },
  ordinary: { label: '普通事项', unit: 'person', rule: 'simple', quorum: '0', days: '7', oneBuilding: false },
} as const
type Preset = keyof typeof PRESETS
const PRESET_HINTS: Record<Preset, string> = {
  lift: '加装电梯：本楼每户一票，三分之二以上的户参与、参与的户三分之二以上同意才通过，投票 14 天。请在「计票规则」里选是哪栋楼。',
  ordinary: '普通事项：全小区每人一票，过半数同意即通过，投票 7 天。',
}

/** 居委会: put a decision to the vote. */
export default function MotionNewPage() {
  const me = useMe()
  const access = useAccess()
  return (
    <Page id="page-motion-new">
      <QueryView query={me} rows={5}>
        {() =>
          access.canManageVotes ? <MotionForm /> : <Empty title="只有居委会可以发起表决" hint="对议事会的决定有想法，可以在议题讨论里发表意见。" />
        }
      </QueryView>
    </Page>
  )
}

// council.motion.create's limits, checked first for a friendlier message.
function problemOf(title: string, description: string, options: string[] | null, quorum: string): string | null {
  if (title.trim().length < 4) return '标题至少 4 个字'
  if (description.trim().length < 10) return '说明至少 10 个字'
  if (options && (options.length < 2 || options.length > 10)) return '选项需要 2 到 10 个，每行一个'
  if (options && new Set(options).size !== options.length) return '选项不能重复'
  if (options?.some((o) => o.length > 20)) return '每个选项最多 20 个字'
  const q = Number(quorum || 0)
  if (!Number.isInteger(q) || q < 0 || q > 100) return '参与率请填 0 到 100 的整数'
  return null
}

function MotionForm() {
  const topics = useQuery('council.topic.list', { limit: 30 })
  const structure = useQuery('community.structure', {})
  // Empty: the whole community votes; otherwise only residents of these buildings (e.g. a lift for one building).
  const [buildingIds, setBuildingIds] = useState<string[]>([])
  const toggleBuilding = (id: string) => setBuildingIds((ids) => (ids.includes(id) ? ids.filter((b) => b !== id) : [...ids, id]))
  const create = useAction('council.motion.create', { onDone: (res) => replacePage('motion', { id: res.motionId }), done: '已发起' })
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [kind, setKind] = useState<'yesNo' | 'choice'>('yesNo')
  const [optionsText, setOptionsText] = useState('')
  const [tab, setTab] = useState<Tab>('matter')
  const [preset, setPreset] = useState<Preset | null>(null)
  const [unit, setUnit] = useState<'person' | 'household'>('person')
  const [rule, setRule] = useState<Rule>('simple')
  const [quorum, setQuorum] = useState('0')
  const [secret, setSecret] = useState(true)
  const [hideResults, setHideResults] = useState(true)
  const [days, setDays] = useState('7')
  // Voting may open later, e.g. the morning after the meeting, once the minutes are out.
  const starts = useMemo(
    () => [
      { value: NOW, label: '立即开始', id: 'motion-opens-now' },
      ...[1, 2].map((n) => {
        const d = inChina(now()).add(n, 'day').startOf('day').hour(8)
        return { value: d.toISOString(), label: `${n === 1 ? '明天' : '后天'} 8:00`, id: `motion-opens-${n}` }
      }),
    ],
    [],
  )
  const [opens, setOpens] = useState(NOW)
  const [topicId, setTopicId] = useState(NO_TOPIC)

  const applyPreset = (key: Preset) => {
    const p = PRESETS[key]
    setPreset(key)
    setKind('yesNo')
    setUnit(p.unit)
    setRule(p.rule)
    setQuorum(p.quorum)
    setDays(p.days)
    if (!p.oneBuilding) setBuildingIds([])
  }
  const buildingNames = (structure.data?.buildings ?? []).filter((b) => buildingIds.includes(b.id)).map((b) => b.name)
  const summary = [
    unit === 'household' ? '每户一票' : '每人一票',
    buildingNames.length ? buildingNames.join('、') : '全小区',
    RULE_LABELS[rule] + (Number(quorum) > 0 ? `，参与率不低于 ${quorum}%` : ''),
    `${opens === NOW ? '立即开始' : starts.find((o) => o.value === opens)?.label ?? ''}，投 ${days} 天`,
    secret ? '不记名' : '记名',
  ].join(' · ')

  const submit = () => {
    const options = kind === 'choice' ? optionsText.split('\n').map((o) => o.trim()).filter(Boolean) : null
    const problem = problemOf(title, description, options, quorum)
    if (problem) return toastError({ message: problem })
    if (preset === 'lift' && buildingIds.length === 0) {
      setTab('rules')
      return toastError({ message: '加装电梯请选择是哪栋楼' })
    }
    void create.run({
      title: title.trim(),
      description: description.trim(),
      ...(options ? { options } : {}),
      ...(topicId !== NO_TOPIC ? { topicId } : {}),
      ...(buildingIds.length ? { buildingIds } : {}),
      unit,
      rule,
      quorumPercent: Number(quorum || 0),
      secret,
      hideResults,
      ...(opens !== NOW ? { opensAt: opens } : {}),
      closesAt: new Date((opens === NOW ? now() : new Date(opens).getTime()) + Number(days) * DAY).toISOString(),
    })
  }

  return (
    <>
      <View className="motion-tabs">
        <ChipGroup
          id="motion-tabs"
          options={[
            { value: 'matter', label: '① 事项', id: 'motion-tab-matter' },
            { value: 'rules', label: '② 规则', id: 'motion-tab-rules' },
            { value: 'timing', label: '③ 时间', id: 'motion-tab-timing' },
          ]}
          selected={[tab]}
          onSelect={(value) => setTab(value as Tab)}
        />
      </View>

      {tab === 'matter' && (
        <>
          <Card title="常用表决">
            <ChipGroup
              id="motion-preset"
              wide
              options={(Object.keys(PRESETS) as Preset[]).map((key) => ({ value: key, label: PRESETS[key].label, id: `motion-preset-${key}` }))}
              selected={preset ? [preset] : []}
              onSelect={(value) => applyPreset(value as Preset)}
            />
            <Text id="motion-preset-hint" className="field-hint">
              {preset ? PRESET_HINTS[preset] : '选一个常用表决，自动填好计票规则；也可以自己设置。'}
            </Text>
          </Card>
          <Card>
            <TextField id="motion-title" label="表决事项" value={title} onChange={setTitle} maxLength={40} placeholder="如：是否在自行车棚加装充电桩" />
            <View className="field-block">
              <Text className="field-label">说明</Text>
              <Textarea id="motion-description" className="textarea-box" value={description} maxlength={2000} placeholder="方案、费用、议事会的讨论情况" onInput={(e) => setDescription(e.detail.value)} />
            </View>
            <View className="field-block">
              <Text className="field-label">选项</Text>
              <ChipGroup
                id="motion-kind"
                list
                options={[
                  { value: 'yesNo', label: '赞成/反对/弃权', id: 'motion-kind-yesno' },
                  { value: 'choice', label: '多选一', id: 'motion-kind-choice' },
                ]}
                selected={[kind]}
                onSelect={(value) => setKind(value as 'yesNo' | 'choice')}
              />
              {kind === 'choice' && (
                <Textarea id="motion-options" className="textarea-box cosign__button" value={optionsText} maxlength={250} placeholder={'每行一个选项，2 到 10 个\n如：方案一：车棚东侧\n方案二：车棚西侧'} onInput={(e) => setOptionsText(e.detail.value)} />
              )}
            </View>
            {(topics.data?.items.length ?? 0) > 0 && (
              <View className="field-block">
                <Text className="field-label">对应议题（可不选）</Text>
                <ChipGroup
                  id="motion-topic"
                  list
                  options={[{ value: NO_TOPIC, label: '不关联', id: 'motion-topic-none' }, ...topics.data!.items.map((t, index) => ({ value: t.id, label: t.title, id: `motion-topic-${index}` }))]}
                  selected={[topicId]}
                  onSelect={setTopicId}
                />
              </View>
            )}
          </Card>
        </>
      )}

      {tab === 'rules' && (
        <Card title="计票规则">
          <Text className="field-label">谁来投</Text>
          <ChipGroup
            id="motion-unit"
            wide
            options={[
              { value: 'person', label: '每人一票', id: 'motion-unit-person' },
              { value: 'household', label: '每户一票', id: 'motion-unit-household' },
            ]}
            selected={[unit]}
            onSelect={(value) => setUnit(value as 'person' | 'household')}
          />
          <Text className="field-label cosign__button">哪些楼栋参加</Text>
          <ChipGroup
            id="motion-buildings"
            wide
            multiple
            options={[{ value: ALL_BUILDINGS, label: '全小区', id: 'motion-buildings-all' }, ...(structure.data?.buildings ?? []).map((b, index) => ({ value: b.id, label: b.name, id: `motion-building-${index}` }))]}
            selected={buildingIds.length ? buildingIds : [ALL_BUILDINGS]}
            onSelect={(value) => (value === ALL_BUILDINGS ? setBuildingIds([]) : toggleBuilding(value))}
          />
          <Text className="field-hint">只涉及某几栋楼的事（如加装电梯），只请这些楼的已认证住户投票。</Text>
          <Text className="field-label cosign__button">通过规则</Text>
          <ChipGroup
            id="motion-rule"
            wide
            options={[
              { value: 'simple', label: '过半数同意', id: 'motion-rule-simple' },
              { value: 'twoThirds', label: '三分之二以上', id: 'motion-rule-twothirds' },
              { value: 'double', label: '双过半', id: 'motion-rule-double' },
              { value: 'doubleTwoThirds', label: '双三分之二', id: 'motion-rule-double-two-thirds' },
            ]}
            selected={[rule]}
            onSelect={(value) => setRule(value as Rule)}
          />
          <Text className="field-hint">双过半：参与的和同意的都要过半，适合涉及全体业主的事。双三分之二：三分之二以上参与、参与的三分之二以上同意，适合加装电梯等改建。</Text>
          <View className="cosign__button">
            <TextField id="motion-quorum" label="法定参与率" type="number" suffix="%" value={quorum} onChange={setQuorum} maxLength={3} hint="参与人数低于这个比例，表决不生效；0 表示不限。" />
          </View>
        </Card>
      )}

      {tab === 'timing' && (
        <>
          <Card title="投票时间">
            <Text className="field-label">开始投票</Text>
            <ChipGroup id="motion-opens" wide options={starts} selected={[opens]} onSelect={setOpens} />
            <Text className="field-label cosign__button">投票时长</Text>
            <ChipGroup
              id="motion-days"
              options={['3', '7', '14'].map((d) => ({ value: d, label: `${d} 天`, id: `motion-days-${d}` }))}
              selected={[days]}
              onSelect={setDays}
            />
          </Card>
          <Toggle id="motion-secret" label="不记名投票" hint="不保存谁投了什么，连居委会也看不到" checked={secret} onChange={setSecret} />
          <Toggle id="motion-hide-results" label="截止前不公布票数" hint="以免影响大家的判断" checked={hideResults} onChange={setHideResults} />
        </>
      )}

      <Card title="将按以下规则发起">
        <Text id="motion-summary" className="council-body">{summary}</Text>
      </Card>
      {tab !== 'timing' && (
        <Button id="motion-next" variant="secondary" block className="motion-next" onClick={() => setTab(tab === 'matter' ? 'rules' : 'timing')}>
          下一步：{tab === 'matter' ? '计票规则' : '时间与公开'}
        </Button>
      )}
      <Text className="council-note">{opens === NOW ? '发起后立即开始投票' : '到开始时间自动开始投票'}，并通知有权投票的居民；到截止时间自动计票，结果作为决议公示。</Text>
      <Button id="motion-submit" block disabled={create.loading} onClick={submit}>
        {create.loading ? '正在发起…' : '发起表决'}
      </Button>
    </>
  )
}
