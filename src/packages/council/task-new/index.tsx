import { Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { now } from '../../../api/clock'
import { Button, Card, ChipGroup, Empty, Loading, Page, QueryView, TextField, Toggle } from '../../../components'
import { useAccess, useAction, useMe, usePagedQuery, useQuery } from '../../../hooks'
import { pageParam, replacePage } from '../../../routes'
import { inChina } from '../../../utils/date'
import { toastError } from '../../../utils/feedback'
import '../council.scss'

const DEADLINES = [
  { value: '7', label: '1 周' },
  { value: '14', label: '2 周' },
  { value: '30', label: '1 个月' },
  { value: '90', label: '3 个月' },
]
const TIERS = [
  { value: '1', label: '一级：居民自治' },
  { value: '2', label: '二级：社区/街道' },
  { value: '3', label: '三级：区级部门' },
]

/** 居委会: a passed decision (or the committee's own initiative) becomes a task with an owner, a deadline and a tier. */
export default function TaskNewPage() {
  const me = useMe()
  const access = useAccess()
  // Read once at mount, while this page is the current one.
  const [decisionId] = useState(() => pageParam('decisionId'))
  return (
    <Page id="page-task-new">
      <QueryView query={me} rows={5}>
        {() => (access.canManageTasks ? <TaskForm decisionId={decisionId} /> : <Empty title="只有居委会可以新建办事项目" />)}
      </QueryView>
    </Page>
  )
}

function TaskForm({ decisionId }: { decisionId: string }) {
  const decision = useQuery('council.decision.get', { decisionId }, [decisionId], { enabled: !!decisionId })
  const create = useAction('council.task.create', { onDone: (res) => replacePage('task', { id: res.taskId }), done: '已新建' })
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [search, setSearch] = useState('')
  const [q, setQ] = useState('')
  const people = usePagedQuery('member.list', { limit: 20, status: 'verified', ...(q ? { q } : {}) }, [q])
  const [ownerId, setOwnerId] = useState<string | null>(null)
  const [days, setDays] = useState('30')
  const [tier, setTier] = useState('1')
  const [project, setProject] = useState(false)
  const [budget, setBudget] = useState('')

  const submit = () => {
    const name = title.trim() || decision.data?.title || ''
    if (name.length < 4) return toastError({ message: '名称至少 4 个字' })
    if (description.trim().length < 10) return toastError({ message: '请写清要做什么，至少 10 个字' })
    if (!ownerId) return toastError({ message: '请选择负责人' })
    let budgetFen: number | undefined
    if (project) {
      // Typed in 元 with up to 2 decimals; sent in whole 分.
      const match = /^(\d{1,8})(?:\.(\d{1,2}))?$/.exec(budget.trim())
      if (!match) return toastError({ message: '预算请填数字，最多两位小数' })
      budgetFen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
    }
    void create.run({
      title: name,
      description: description.trim(),
      ownerId,
      deadline: inChina(now()).add(Number(days), 'day').endOf('day').format(),
      tier: Number(tier) as 1 | 2 | 3,
      project,
      ...(decisionId ? { decisionId } : {}),
      ...(budgetFen !== undefined ? { budgetFen } : {}),
    })
  }

  return (
    <>
      {decision.data && (
        <Card title="落实的决议">
          <Text className="plain-line">{decision.data.title}</Text>
          <Text className="council-meta">{decision.data.summary}</Text>
        </Card>
      )}
      <Card>
        <TextField id="task-new-title" label="名称" value={title} onChange={setTitle} maxLength={40} placeholder={decision.data?.title ?? '如：西门加装路灯'} />
        <View className="field-block">
          <Text className="field-label">要做什么</Text>
          <Textarea id="task-new-description" className="textarea-box" value={description} maxlength={2000} placeholder="内容、标准、分工" onInput={(e) => setDescription(e.detail.value)} />
        </View>
        <Text className="field-label">期限</Text>
        <ChipGroup id="task-new-deadline" options={DEADLINES.map((d) => ({ ...d, id: `task-deadline-${d.value}` }))} selected={[days]} onSelect={setDays} />
        <Text className="field-label cosign__button">三级分类</Text>
        <ChipGroup id="task-new-tier" wide options={TIERS.map((t) => ({ ...t, id: `task-tier-${t.value}` }))} selected={[tier]} onSelect={setTier} />
      </Card>

      <Card title="负责人">
        <View className="row-between">
          <View className="task-card__meter">
            <TextField id="task-owner-search" label="查找" value={search} onChange={setSearch} onConfirm={() => setQ(search.trim())} placeholder="昵称、姓名或房号" maxLength={20} />
          </View>
          <Button id="task-owner-search-submit" size="compact" onClick={() => setQ(search.trim())}>
            搜索
          </Button>
        </View>
        {people.loading && people.items.length === 0 ? (
          <Loading rows={2} />
        ) : people.items.length === 0 ? (
          <Text className="council-meta">没有找到，换个关键词试试。</Text>
        ) : (
          <ChipGroup
            id="task-owner"
            list
            options={people.items.map((m, i) => ({ value: m.memberId, label: `${m.nickname || '未设置昵称'}${m.household ? ` · ${m.household}` : ''}`, id: `task-owner-${i}` }))}
            selected={ownerId ? [ownerId] : []}
            onSelect={setOwnerId}
          />
        )}
      </Card>

      <Toggle id="task-new-project" label="民生小实事" hint="公开预算和每一笔支出" checked={project} onChange={setProject} />
      {project && (
        <Card>
          <TextField id="task-new-budget" label="预算" type="digit" suffix="元" value={budget} onChange={setBudget} maxLength={11} />
        </Card>
      )}

      <Button id="task-new-submit" block disabled={create.loading} onClick={submit}>
        {create.loading ? '正在新建…' : '新建办事项目'}
      </Button>
    </>
  )
}
