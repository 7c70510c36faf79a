import { Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import type { ActionOutput } from '../../../api'
import { now } from '../../../api/clock'
import { Button, Card, Empty, LinkRow, Page, PromptModal, QueryView, SectionTitle, Tag } from '../../../components'
import { SharePanel } from '../../../components/SharePanel'
import { useAccess, useAction, useMe, useQuery, useRefreshOnPullDown, useRefreshOnShow, useShare } from '../../../hooks'
import { openPage, pageParam } from '../../../routes'
import { formatDateTime, formatDay } from '../../../utils/date'
import { toastError } from '../../../utils/feedback'
import { noticeCategoryLabel } from '../../../utils/labels'
import { noticeShareTitle, sharePath } from '../../../utils/share'
import '../council.scss'

type Notice = ActionOutput<'notice.get'>
type Objection = Notice['objections'][number]

/** 让邻知事: one notice, its 公示 period, and the objections with the committee's public answers. */
export default function NoticePage() {
  // Read once at mount, while this page is the current one.
  const [noticeId] = useState(() => pageParam('id'))
  const notice = useQuery('notice.get', { noticeId }, [noticeId], { enabled: !!noticeId })
  useRefreshOnPullDown(notice.refresh)
  useRefreshOnShow(notice.refresh)
  const communityId = useMe().data?.current?.communityId
  const path = sharePath('notice', { id: noticeId }, communityId)
  const shareTitle = (n: Notice) => noticeShareTitle({ title: n.title, categoryLabel: noticeCategoryLabel(n.category), publicUntil: n.publicUntil }, now())
  useShare(() => (notice.data ? { title: shareTitle(notice.data), path } : null))

  if (!noticeId) return <Page id="page-notice"><Empty title="没有找到这条公告" hint="请从公示栏进入。" /></Page>

  return (
    <Page id="page-notice">
      <QueryView query={notice} rows={6}>
        {(data) => (
          <>
            <NoticeView notice={data} refresh={notice.refresh} />
            <SharePanel id="notice-share" heading="让邻居都知道" title={shareTitle(data)} path={path} target={{ page: 'notice', id: noticeId }} />
          </>
        )}
      </QueryView>
    </Page>
  )
}

function NoticeView({ notice, refresh }: { notice: Notice; refresh: () => Promise<void> }) {
  const access = useAccess()
  const [text, setText] = useState('')
  const [answering, setAnswering] = useState<Objection | null>(null)
  const object = useAction('notice.object', { onDone: () => setText(''), done: '已提交', refresh })
  const answer = useAction('notice.answerObjection', { onDone: () => setAnswering(null), done: '已答复', refresh })

  const submit = () => {
    if (text.trim().length < 5) return toastError({ message: '请写明异议，至少 5 个字' })
    void object.run({ noticeId: notice.id, text: text.trim() })
  }

  // A decision's id is its motion's id with `:decision` (decisions/motions.ts decisionIdOf).
  const source = notice.source
  return (
    <>
      <Card id="notice-detail">
        <View className="issue-head">
          <Tag tone="brand">{noticeCategoryLabel(notice.category)}</Tag>
          {notice.publicUntil && (
            <Tag id="notice-publicity" tone={notice.publicityOpen ? 'warning' : 'neutral'}>
              {notice.publicityOpen ? `公示中 · 至 ${formatDay(notice.publicUntil)}` : '公示已结束'}
            </Tag>
          )}
        </View>
        <Text id="notice-title" className="issue-head__title">{notice.title}</Text>
        {notice.publishedAt && <Text className="council-meta">{formatDateTime(notice.publishedAt)} 发布</Text>}
        <Text className="council-body issue-body">{notice.body}</Text>
      </Card>
      {source?.kind === 'task' && <LinkRow id="notice-source" title="查看办事项目" desc="进度、照片、收支和评价" onClick={() => openPage('task', { id: source.id })} />}
      {source?.kind === 'decision' && (
        <LinkRow id="notice-source" title="查看表决" desc="选项、票数和计票规则" onClick={() => openPage('motion', { id: source.id.replace(/:decision$/, '') })} />
      )}

      <SectionTitle title={`异议（${notice.objections.length}）`} />
      {notice.objections.length === 0 ? (
        <Empty id="objections-empty" title="还没有人提出异议" hint={notice.publicityOpen ? '公示期内，对内容有不同意见可以在下面提出，居委会会公开答复。' : undefined} />
      ) : (
        notice.objections.map((o, index) => (
          <Card key={o.id} id={`objection-${index}`}>
            <Text className="comment__author">{o.isMine ? '我' : o.authorName}</Text>
            <Text className="council-body">{o.text}</Text>
            <Text className="council-meta">{formatDateTime(o.createdAt)}</Text>
            {o.answer ? (
              <View className="divided">
                <Text className="field-label">居委会答复</Text>
                <Text className="council-body">{o.answer}</Text>
              </View>
            ) : access.canPublishNotices ? (
              <Button className="objection-answer cosign__button" size="compact" variant="secondary" onClick={() => setAnswering(o)}>
                答复
              </Button>
            ) : (
              <Text className="council-meta">等待居委会答复</Text>
            )}
          </Card>
        ))
      )}

      {notice.canObject && (
        <Card id="objection-form" title="提出异议">
          <Textarea id="objection-input" className="textarea-box comment-input" value={text} maxlength={500} placeholder="哪里有不同意见、依据是什么" onInput={(e) => setText(e.detail.value)} />
          <Text className="textarea-count">{text.length}/500</Text>
          <Button id="objection-submit" block className="cosign__button" disabled={object.loading} onClick={submit}>
            {object.loading ? '正在提交…' : '提交异议'}
          </Button>
        </Card>
      )}

      <PromptModal
        visible={answering !== null}
        title="答复异议"
        message="答复会公开显示在这条异议下，并通知提出人。"
        placeholder="核实情况和处理意见"
        confirmText="答复"
        multiline
        maxLength={1000}
        busy={answer.loading}
        validate={(value) => (value.length < 5 ? '至少写 5 个字' : null)}
        onConfirm={(value) => answering && void answer.run({ objectionId: answering.id, answer: value })}
        onCancel={() => setAnswering(null)}
      />
    </>
  )
}
