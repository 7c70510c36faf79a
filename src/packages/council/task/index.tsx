import { Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import type { ActionOutput } from '../../../api'
import { Button, Card, ChipGroup, Empty, Page, PromptModal, QueryView, SectionTitle, Tag, TextField } from '../../../components'
import { useAccess, useAction, useQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../../hooks'
import { pageParam } from '../../../routes'
import { formatDateTime, formatDay } from '../../../utils/date'
import { toastError } from '../../../utils/feedback'
import { RATING_OPTIONS, ratingLabel, type Rating } from '../../../utils/labels'
import { formatYuan } from '../../../utils/money'
import { RateForPanel } from '../AssistPanels'
import { PublishedPhotos } from '../PublishedPhotos'
import { PhotoPicker, type PickedPhoto } from '../PhotoPicker'
import { satisfactionText } from '../TaskCard'
import '../council.scss'

type Task = ActionOutput<'council.task.get'>

const TIER_NAMES: Record<number, string> = { 1: '一级', 2: '二级', 3: '三级' }

/** One task: progress and photos, money, escalations, and the neighbours' rating once done. */
export default function TaskPage() {
  // Read once at mount, while this page is the current one.
  const [taskId] = useState(() => pageParam('id'))
  const task = useQuery('council.task.get', { taskId }, [taskId], { enabled: !!taskId })
  useRefreshOnPullDown(task.refresh)
  useRefreshOnShow(task.refresh)

  if (!taskId) return <Page id="page-task"><Empty title="没有找到这件事" hint="请从办事进度进入。" /></Page>

  return (
    <Page id="page-task">
      <QueryView query={task} rows={6}>
        {(data) => <TaskView task={data} refresh={task.refresh} />}
      </QueryView>
    </Page>
  )
}

function TaskView({ task, refresh }: { task: Task; refresh: () => Promise<void> }) {
  const access = useAccess()
  const overspent = task.project && task.spentFen > task.budgetFen
  const rated = task.reviews.length > 0 || task.status === 'done'

  return (
    <>
      <Card id="task-detail">
        <View className="issue-head">
          <Tag id="task-status" tone={task.status === 'done' ? 'brand' : 'warning'}>{task.status === 'done' ? '已办结' : '办理中'}</Tag>
          <Tag id="task-tier">{task.tierLabel}</Tag>
        </View>
        <Text id="task-title" className="issue-head__title">{task.title}</Text>
        <Text className="council-meta">
          负责人 {task.isMine ? '我' : task.ownerName} · {formatDay(task.deadline)} 前完成
        </Text>
        <Text className="council-body issue-body">{task.description}</Text>
        <View className="divided">
          <View className="row-between">
            <Text className="plain-line">进度</Text>
            <Text id="task-progress" className="big-number">{task.progress}%</Text>
          </View>
          <View className="meter">
            <View className="meter__fill" style={{ width: `${task.progress}%` }} />
          </View>
        </View>
      </Card>

      {task.project && (
        <Card id="task-budget" title="民生小实事 · 收支">
          <View className="row-between">
            <Text className="plain-line">预算</Text>
            <Text id="task-budget-total" className="plain-line">{formatYuan(task.budgetFen)}</Text>
          </View>
          <View className="row-between">
            <Text className="plain-line">已支出</Text>
            <Text id="task-spent" className="plain-line">{formatYuan(task.spentFen)}</Text>
          </View>
          <View className="row-between">
            <Text className="plain-line">{overspent ? '超支' : '结余'}</Text>
            <Text id="task-remaining" className={overspent ? 'plain-line text-danger' : 'plain-line'}>{formatYuan(Math.abs(task.remainingFen ?? 0))}</Text>
          </View>
          <View id="task-expenses" className="divided">
            {task.expenses.length === 0 ? (
              <Text className="council-meta">还没有支出记录</Text>
            ) : (
              task.expenses.map((e, index) => (
                <View key={e.id} id={`expense-${index}`} className="row-between expense-row">
                  <Text className="plain-line">{e.item}</Text>
                  <Text className="plain-line">{formatYuan(e.amountFen)}</Text>
                </View>
              ))
            )}
          </View>
        </Card>
      )}

      {task.escalations.length > 0 && (
        <Card id="task-escalations" title="升级记录">
          {task.escalations.map((e) => (
            <View key={e.at} className="timeline__item">
              <Text className="timeline__name">
                {TIER_NAMES[e.from]} → {TIER_NAMES[e.to]}
              </Text>
              <Text className="timeline__note">{e.reason}</Text>
              <Text className="timeline__meta">{formatDateTime(e.at)}</Text>
            </View>
          ))}
        </Card>
      )}

      {rated && (
        <Card id="task-satisfaction" title="居民评价">
          <Text id="task-satisfaction-rate" className="big-number">{satisfactionText(task.satisfactionRate)}</Text>
          <Text className="council-meta">
            满意 {task.ratings.satisfied} · 基本满意 {task.ratings.basic} · 不满意 {task.ratings.unsatisfied}
            {task.reviews.length < task.minRatingsForBar ? `（满 ${task.minRatingsForBar} 人评价后按社区底线考核）` : ''}
          </Text>
          {task.myRating && <Text id="my-rating" className="plain-line divided">你的评价：{ratingLabel(task.myRating)}{task.myRatingAssist ? `（${task.myRatingAssist}）` : ''}</Text>}
          {task.canRate && <RateForm taskId={task.id} refresh={refresh} />}
          {task.reviews.map((r, index) => (
            <View key={`${r.name}-${r.createdAt}-${index}`} className="divided">
              <View className="row-between">
                <Text className="plain-line">{r.name}</Text>
                <Tag tone={r.rating === 'unsatisfied' ? 'danger' : 'brand'}>{r.ratingLabel}</Tag>
              </View>
              {r.comment && <Text className="council-body">{r.comment}</Text>}
            </View>
          ))}
        </Card>
      )}
      {access.canAssistNeighbours && task.status === 'done' && <RateForPanel taskId={task.id} refresh={refresh} />}

      {task.canPostProgress && <ProgressForm task={task} refresh={refresh} />}
      {access.canManageTasks && task.status === 'open' && <TaskControls task={task} refresh={refresh} />}

      <SectionTitle title="进度记录" />
      {task.updates.length === 0 ? (
        <Empty id="task-updates-empty" title="还没有进度记录" hint="负责人会在这里记录每一步进展和现场照片。" />
      ) : (
        <Card id="task-updates">
          {task.updates.map((u, index) => (
            <View key={u.id} id={`task-update-${index}`} className="timeline__item">
              <Text className="timeline__name">{u.progress}%</Text>
              <Text className="timeline__note">{u.text}</Text>
              <PublishedPhotos photos={u.photos} pending={u.pendingPhotos} place="taskUpdate" docId={u.id} committee={access.canModerate} onRemoved={refresh} />
              <Text className="timeline__meta">{formatDateTime(u.createdAt)}</Text>
            </View>
          ))}
        </Card>
      )}
    </>
  )
}

/** 由邻评事: 满意 / 基本满意 / 不满意 and a sentence. */
function RateForm({ taskId, refresh }: { taskId: string; refresh: () => Promise<void> }) {
  const rate = useAction('council.task.rate', { done: (res) => (res.reopened ? '已评价，将重新办理' : '已评价'), refresh })
  const [rating, setRating] = useState<Rating | null>(null)
  const [comment, setComment] = useState('')

  const submit = () => {
    if (!rating) return toastError({ message: '请选择满意程度' })
    void rate.run({ taskId, rating, ...(comment.trim() ? { comment: comment.trim() } : {}) })
  }

  return (
    <View id="rate-form" className="divided">
      <Text className="field-label">这件事办得怎么样？</Text>
      <ChipGroup
        id="rate-options"
        options={RATING_OPTIONS.map((r, index) => ({ value: r.value, label: r.label, id: `rate-${index + 1}` }))}
        selected={rating ? [rating] : []}
        onSelect={(value) => setRating(value as Rating)}
      />
      <Textarea id="rate-comment" className="textarea-box comment-input cosign__button" value={comment} maxlength={300} placeholder="说一句（可不填）" onInput={(e) => setComment(e.detail.value)} />
      <Button id="rate-submit" block className="cosign__button" disabled={rate.loading || !rating} onClick={submit}>
        {rate.loading ? '正在提交…' : '提交评价'}
      </Button>
    </View>
  )
}

/** 帮邻办事: the task's owner (or the committee) records progress with photos; the server says who may. */
function ProgressForm({ task, refresh }: { task: Task; refresh: () => Promise<void> }) {
  const [progress, setProgress] = useState(String(task.progress))
  const [text, setText] = useState('')
  const [photos, setPhotos] = useState<PickedPhoto[]>([])
  const [uploading, setUploading] = useState(false)
  const update = useAction('council.task.update', {
    onDone: () => {
      setText('')
      setPhotos([])
    },
    done: '已更新',
    refresh,
  })

  const saveProgress = () => {
    const p = Number(progress)
    if (!Number.isInteger(p) || p < task.progress || p > 100) return toastError({ message: `进度请填 ${task.progress} 到 100 的整数` })
    if (text.trim().length < 4) return toastError({ message: '请写几句进展，至少 4 个字' })
    if (uploading) return toastError({ message: '照片还在上传，请稍候' })
    void update.run({ taskId: task.id, progress: p, text: text.trim(), photos: photos.map((ph) => ph.fileID) })
  }

  return (
    <Card id="task-progress-form" title={task.isMine ? '我负责的事 · 记录进度' : '记录进度'}>
      {task.isMine && <Text className="council-meta">每一步进展和现场照片都会公开，并通知居委会和提出这件事的居民。办结由居委会确认。</Text>}
      <TextField id="task-update-progress" label="完成进度" type="number" suffix="%" value={progress} onChange={setProgress} maxLength={3} hint={`不能低于已记录的 ${task.progress}%`} />
      <View className="field-block">
        <Text className="field-label">进展说明</Text>
        <Textarea id="task-update-text" className="textarea-box comment-input" value={text} maxlength={1000} placeholder="做了什么、下一步、遇到的困难" onInput={(e) => setText(e.detail.value)} />
        <PhotoPicker id="task-update-photos" photos={photos} onChange={setPhotos} folder="tasks" onUploading={setUploading} />
      </View>
      <Button id="task-update-submit" block disabled={update.loading || uploading} onClick={saveProgress}>
        {update.loading ? '正在保存…' : uploading ? '照片上传中…' : '记录进度'}
      </Button>
    </Card>
  )
}

/** 居委会: book an expense, escalate a tier, or close the task. */
function TaskControls({ task, refresh }: { task: Task; refresh: () => Promise<void> }) {
  const [item, setItem] = useState('')
  const [amount, setAmount] = useState('')
  const [asking, setAsking] = useState<'escalate' | 'complete' | null>(null)
  const nextTier = task.tier < 3 ? ((task.tier + 1) as 2 | 3) : null
  const expense = useAction('council.task.addExpense', {
    onDone: () => {
      setItem('')
      setAmount('')
    },
    done: (res) => (res.overBudget ? '已记录，已超预算' : '已记录'),
    refresh,
  })
  const closePrompt = () => setAsking(null)
  const escalate = useAction('council.task.escalate', { onDone: closePrompt, done: '已升级', refresh })
  const complete = useAction('council.task.complete', { onDone: closePrompt, done: '已办结', refresh })

  const saveExpense = () => {
    // Typed in 元 with up to 2 decimals; sent in whole 分 so no float touches money.
    const match = /^(\d{1,8})(?:\.(\d{1,2}))?$/.exec(amount.trim())
    if (!match) return toastError({ message: '金额请填数字，最多两位小数' })
    const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
    if (fen <= 0) return toastError({ message: '金额须大于 0' })
    if (item.trim().length < 2) return toastError({ message: '请写明支出事项' })
    void expense.run({ taskId: task.id, item: item.trim(), amountFen: fen })
  }

  const decide = (value: string) => {
    if (asking === 'escalate' && nextTier) void escalate.run({ taskId: task.id, tier: nextTier, reason: value })
    else if (asking === 'complete') void complete.run({ taskId: task.id, summary: value })
  }

  return (
    <Card id="task-controls" title="居委会办理">
      {task.project && (
        <View>
          <TextField id="expense-item" label="支出事项" value={item} onChange={setItem} maxLength={60} placeholder="如：充电桩设备 2 台" />
          <TextField id="expense-amount" label="金额" type="digit" suffix="元" value={amount} onChange={setAmount} maxLength={11} />
          <Button id="expense-submit" block variant="secondary" disabled={expense.loading} onClick={saveExpense}>
            记一笔支出
          </Button>
        </View>
      )}

      <View className={task.project ? 'council-actions divided' : 'council-actions'}>
        {nextTier && (
          <Button id="task-escalate" size="compact" variant="secondary" onClick={() => setAsking('escalate')}>
            升为{TIER_NAMES[nextTier]}
          </Button>
        )}
        <Button id="task-complete" size="compact" onClick={() => setAsking('complete')}>
          办结
        </Button>
      </View>

      <PromptModal
        visible={asking !== null}
        title={asking === 'escalate' ? `升为${nextTier ? TIER_NAMES[nextTier] : ''}` : '办结'}
        message={asking === 'escalate' ? '写明为什么需要上一级协助，会通知负责人和提出这件事的居民。' : '写明办理结果，会公示并请居民评价。'}
        placeholder={asking === 'escalate' ? '如：涉及市政管网，需区住建局协调' : '如：2 台充电桩已安装并通电使用'}
        confirmText={asking === 'escalate' ? '升级' : '办结'}
        multiline
        maxLength={asking === 'escalate' ? 500 : 1000}
        busy={escalate.loading || complete.loading}
        validate={(value) => (value.length < 4 ? '至少写 4 个字' : null)}
        onConfirm={decide}
        onCancel={() => setAsking(null)}
      />
    </Card>
  )
}
