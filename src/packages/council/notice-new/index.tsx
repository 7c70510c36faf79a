import { Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import type { ActionInput } from '../../../api'
import { Button, Card, ChipGroup, Empty, Page, QueryView, TextField } from '../../../components'
import { useAccess, useAction, useMe } from '../../../hooks'
import { replacePage } from '../../../routes'
import { noticeCategoryLabel } from '../../../utils/labels'
import '../council.scss'

type Category = ActionInput<'notice.publish'>['category']

// notices/index.ts NOTICE_CATEGORIES, in the order the committee most often publishes them.
const CATEGORIES: Category[] = ['announcement', 'decision', 'progress', 'spending', 'result']
const PERIODS = [
  { value: '0', label: '不公示' },
  { value: '3', label: '3 天' },
  { value: '7', label: '7 天' },
  { value: '15', label: '15 天' },
  { value: '30', label: '30 天' },
]

const defaultDays = (category: Category) => (category === 'announcement' ? '0' : '7')

/** 居委会: publish a notice on the 公示栏: a plain 公告, or with a 公示 period (7 days by default) for objections. */
export default function NoticeNewPage() {
  const me = useMe()
  const access = useAccess()
  return (
    <Page id="page-notice-new">
      <QueryView query={me} rows={5}>
        {() => (access.canPublishNotices ? <NoticeForm /> : <Empty id="notice-new-forbidden" title="只有居委会可以发布公示" hint="对公示有意见，可以在公示期内提出异议。" />)}
      </QueryView>
    </Page>
  )
}

// The server's limits (notice.publish), checked first for a message next to the form.
function problemOf(title: string, body: string): string | null {
  if (title.length < 4) return '标题至少 4 个字'
  if (title.length > 60) return '标题最多 60 个字'
  if (body.length < 10) return '正文至少 10 个字，请写清楚公示的内容'
  if (body.length > 4000) return '正文最多 4000 字'
  return null
}

function NoticeForm() {
  const publish = useAction('notice.publish', { onDone: (res) => replacePage('notice', { id: res.noticeId }), done: '已发布' })
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [category, setCategory] = useState<Category>('announcement')
  // A plain 公告 needs no 公示; a decision, progress, spending or result does. The
  // period follows the category until the committee picks one itself.
  const [days, setDays] = useState(defaultDays('announcement'))
  const [daysChosen, setDaysChosen] = useState(false)
  const pickCategory = (value: Category) => {
    setCategory(value)
    if (!daysChosen) setDays(defaultDays(value))
  }
  const pickDays = (value: string) => {
    setDays(value)
    setDaysChosen(true)
  }
  const [problem, setProblem] = useState<string | null>(null)
  // A problem shown stays only until the person edits the text it is about.
  const edit = (set: (value: string) => void) => (value: string) => {
    set(value)
    setProblem(null)
  }

  const submit = () => {
    const found = problemOf(title.trim(), body.trim())
    setProblem(found)
    if (!found) void publish.run({ title: title.trim(), body: body.trim(), category, publicDays: Number(days) })
  }

  return (
    <>
      <Card>
        <TextField id="notice-new-title" label="标题" value={title} onChange={edit(setTitle)} maxLength={60} placeholder="如：12 月议事会安排" />
        <View className="field-block">
          <Text className="field-label">正文</Text>
          <Textarea id="notice-new-body" className="textarea-box" value={body} maxlength={4000} placeholder="公示的事项、依据、金额明细、联系人" onInput={(e) => edit(setBody)(e.detail.value)} />
          <Text className="textarea-count">{body.length}/4000</Text>
        </View>
        <View className="field-block">
          <Text className="field-label">类别</Text>
          <ChipGroup id="notice-new-category" options={CATEGORIES.map((c) => ({ value: c, label: noticeCategoryLabel(c), id: `notice-category-${c}` }))} selected={[category]} onSelect={(value) => pickCategory(value as Category)} />
        </View>
        <View className="field-block">
          <Text className="field-label">公示期</Text>
          <ChipGroup id="notice-new-days" options={PERIODS.map((p) => ({ ...p, id: `notice-days-${p.value}` }))} selected={[days]} onSelect={pickDays} />
          <Text className="field-hint">{days === '0' ? '只发布公告，居民不能提出异议。' : `公示 ${days} 天，期间已认证居民可以提出异议，居委会公开答复。`}</Text>
        </View>
      </Card>

      {problem && (
        <Text id="notice-new-problem" className="council-note text-danger">
          {problem}
        </Text>
      )}
      <Text className="council-note">发布后全体居民都能在公示栏和首页看到，内容会先经过安全检测，并记入审计日志。</Text>
      <Button id="notice-new-submit" block disabled={publish.loading} onClick={submit}>
        {publish.loading ? '正在发布…' : '发布'}
      </Button>
    </>
  )
}
