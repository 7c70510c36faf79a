import { Text, View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import type { ActionOutput } from '../../../api'
import { Button, Card, Empty, LinkRow, Loading, Modal, Page, PromptModal, QueryView, SectionTitle, Tag } from '../../../components'
import { SharePanel } from '../../../components/SharePanel'
import { useAccess, useAction, useMe, usePagedQuery, useQuery, useRefreshOnPullDown, useRefreshOnShow, useShare } from '../../../hooks'
import { openPage, pageParam } from '../../../routes'
import { formatDateTime } from '../../../utils/date'
import { isCollecting, issueStatusTone, timelineLabel } from '../../../utils/labels'
import { issueShareTitle, sharePath } from '../../../utils/share'
import { CosignForPanel } from '../AssistPanels'
import { PublishedPhotos } from '../PublishedPhotos'
import '../council.scss'
import './index.scss'

type Issue = ActionOutput<'council.issue.get'>

/** One matter: what was said, where it stands, every step so far, 附议, and the committee's triage. */
export default function IssuePage() {
  // Read once at mount, while this page is the current one.
  const [issueId] = useState(() => pageParam('id'))
  const issue = useQuery('council.issue.get', { issueId }, [issueId], { enabled: !!issueId })
  const communityId = useMe().data?.current?.communityId
  useShare(() => (issue.data ? { title: shareTitle(issue.data), path: sharePath('issue', { id: issueId }, communityId) } : null))
  useRefreshOnPullDown(issue.refresh)
  useRefreshOnShow(issue.refresh)

  if (!issueId) return <Page id="page-issue"><Empty title="没有找到这件事" hint="链接可能不完整，请从议题列表进入。" /></Page>

  return (
    <Page id="page-issue">
      <QueryView query={issue} rows={6}>
        {(data) => (
          <IssueView
            issue={data}
            refresh={issue.refresh}
            share={
              <SharePanel
                id="issue-share"
                heading={isCollecting(data.status) ? (data.isMine ? '帮我附议：发到邻居群' : '请邻居来附议') : '分享给邻居'}
                title={shareTitle(data)}
                path={sharePath('issue', { id: issueId }, communityId)}
                target={{ page: 'issue', id: issueId }}
              />
            }
          />
        )}
      </QueryView>
    </Page>
  )
}

const shareTitle = (i: Issue) => issueShareTitle({ title: i.title, status: i.status, statusLabel: i.statusLabel, cosigns: i.cosigns, threshold: i.cosignThreshold })

function IssueView({ issue, refresh, share }: { issue: Issue; refresh: () => Promise<void>; share: ReactNode }) {
  const access = useAccess()
  const cosign = useAction('council.issue.cosign', { done: (res) => (res.promoted ? '已成为候选议题' : '已附议'), refresh })
  const reached = issue.cosigns >= issue.cosignThreshold
  const percent = Math.min(100, Math.round((issue.cosigns / Math.max(1, issue.cosignThreshold)) * 100))
  const collecting = isCollecting(issue.status)

  return (
    <>
      <Card id="issue-detail">
        <View className="issue-head">
          <Tag id="issue-status" tone={issueStatusTone(issue.status)}>{issue.statusLabel}</Tag>
          <Tag>{issue.categoryLabel}</Tag>
        </View>
        <Text id="issue-detail-title" className="issue-head__title">{issue.title}</Text>
        <Text className="council-meta">
          {issue.isMine ? '我' : issue.authorName} · {formatDateTime(issue.createdAt)}
        </Text>
        <Text className="council-body issue-body">{issue.body}</Text>
        <PublishedPhotos id="issue-photo-list" photos={issue.photos} pending={issue.pendingPhotos} place="issue" docId={issue.id} committee={access.canModerate} onRemoved={refresh} />
      </Card>

      {issue.answer && (
        <Card title="居委会答复" id="issue-answer">
          <Text className="council-body">{issue.answer}</Text>
        </Card>
      )}
      {issue.declineReason && (
        <Card title="不予受理的理由" id="issue-decline-reason">
          <Text className="council-body">{issue.declineReason}</Text>
        </Card>
      )}
      {issue.mergedInto && (
        <LinkRow id="issue-merged-into" title={`已合并到「${issue.mergedInto.title}」`} desc="附议随之合并，后续进展请看那件事" onClick={() => openPage('issue', { id: issue.mergedInto!.id })} />
      )}
      {issue.topicId && <LinkRow id="issue-topic" title="议题讨论" desc="在线发表意见、回复邻居" onClick={() => openPage('topic', { id: issue.topicId! })} />}
      {issue.meeting && (
        <LinkRow
          id="issue-meeting"
          title={issue.meeting.title}
          desc={issue.meeting.startAt ? `议事会 · ${formatDateTime(issue.meeting.startAt)}` : '议事会'}
          onClick={() => openPage('meeting', { id: issue.meeting!.id })}
        />
      )}

      {collecting ? (
        <Card id="issue-cosign">
          <View className="cosign__row">
            <Text className="cosign__label">附议</Text>
            <Text id="cosign-count" className="cosign__count">
              {issue.cosigns}/{issue.cosignThreshold} 人
            </Text>
          </View>
          <View className="cosign__bar">
            <View className="cosign__fill" style={{ width: `${percent}%` }} />
          </View>
          <Text className="council-meta">
            {reached ? `已达到社区定的 ${issue.cosignThreshold} 人，成为候选议题。` : `还差 ${issue.cosignThreshold - issue.cosigns} 人附议，就成为候选议题。`}
          </Text>
          {issue.cosignedByMe ? (
            <>
              <Button id="cosign" block variant="secondary" disabled className="cosign__button">
                我已附议
              </Button>
              {issue.myCosignAssist && <Text id="cosign-assist" className="council-meta">{issue.myCosignAssist}</Text>}
            </>
          ) : issue.isMine ? (
            <Text className="council-meta">这是你说的事，邀请邻居来附议吧。</Text>
          ) : issue.canCosign && access.canCosign ? (
            <Button id="cosign" block className="cosign__button" disabled={cosign.loading} onClick={() => void cosign.run({ issueId: issue.id })}>
              {cosign.loading ? '请稍候…' : '附议'}
            </Button>
          ) : (
            !access.canCosign && (
              <Text id="cosign-why-not" className="council-meta">
                {access.street ? '街道账号只能查看，附议由居民本人进行。' : '认证后的居民可以附议：居委会或楼栋长核实住户后即可，在「我的」查看认证进度。'}
              </Text>
            )
          )}
        </Card>
      ) : (
        issue.cosigns > 0 && (
          <Card id="issue-cosign">
            <Text id="cosign-count" className="council-meta">
              {issue.cosigns} 位邻居附议过这件事{issue.cosignedByMe ? '，其中有你' : ''}。
            </Text>
          </Card>
        )
      )}

      {access.canAssistNeighbours && collecting && <CosignForPanel issueId={issue.id} refresh={refresh} />}

      {share}

      {access.canTriageIssues && collecting && <TriagePanel issue={issue} refresh={refresh} />}

      <SectionTitle title="进展" />
      <Card id="issue-timeline">
        {issue.timeline.map((step, index) => (
          <View
            key={`${step.kind}-${step.at}-${index}`}
            className="timeline__item"
            id={`timeline-${index}`}
            hoverClass={step.link ? 'is-pressed' : 'none'}
            onClick={step.link ? () => openPage(step.link!.page, { id: step.link!.id }) : undefined}
          >
            <Text className="timeline__name">{timelineLabel(step.kind)}</Text>
            {step.note && <Text className="timeline__note">{step.note}</Text>}
            <Text className="timeline__meta">
              {step.by} · {formatDateTime(step.at)}
            </Text>
            {step.link && <Text className="timeline__link">{step.link.page === 'motion' ? '查看表决' : '查看办事进度'} ›</Text>}
          </View>
        ))}
      </Card>
    </>
  )
}

type Asking = 'answer' | 'decline' | 'accept' | null

const TRIAGE_DONE = { accept: '已列为议题', answer: '已答复', merge: '已合并', decline: '已处理' } as const

/** 居委会: list as a topic, answer directly, merge into another matter, or decline with a public reason. */
function TriagePanel({ issue, refresh }: { issue: Issue; refresh: () => Promise<void> }) {
  const [asking, setAsking] = useState<Asking>(null)
  const [merging, setMerging] = useState(false)
  const triage = useAction('council.issue.triage', {
    onDone: () => {
      setAsking(null)
      setMerging(false)
    },
    done: (_, input) => TRIAGE_DONE[input.decision],
    refresh,
  })

  const mergeInto = (target: { id: string; title: string }) =>
    triage.run(
      { issueId: issue.id, decision: 'merge', intoIssueId: target.id },
      {
        confirm: {
          title: '合并事项',
          content: `把「${issue.title}」合并到「${target.title}」？提出人和附议的邻居会随之转到那件事。`,
          confirmText: '合并',
        },
      },
    )

  const prompts: Record<Exclude<Asking, null>, { title: string; message: string; placeholder: string; confirm: string; required: boolean }> = {
    accept: { title: '列为议题', message: '列为议题后，可以安排到议事会讨论，邻居可在线发表意见。可以补充一句说明（可不填）。', placeholder: '说明（可不填）', confirm: '列为议题', required: false },
    answer: { title: '直接答复', message: '答复会公开显示在这件事下，并通知提出人和附议的邻居。', placeholder: '例如：已联系物业，本周内更换楼道灯', confirm: '答复', required: true },
    decline: { title: '不予受理', message: '理由会公开显示，并通知提出人和附议的邻居。', placeholder: '例如：属于业主私人纠纷，建议通过人民调解解决', confirm: '不予受理', required: true },
  }
  const prompt = asking ? prompts[asking] : null

  return (
    <Card title="居委会处理" id="triage">
      <Text className="council-meta">只有居委会和管理员能看到这里；每次处理都会记录并通知提出人。</Text>
      <View className="council-actions">
        <Button id="triage-accept" size="compact" disabled={triage.loading} onClick={() => setAsking('accept')}>
          列为议题
        </Button>
        <Button id="triage-answer" size="compact" variant="secondary" disabled={triage.loading} onClick={() => setAsking('answer')}>
          直接答复
        </Button>
      </View>
      <View className="council-actions">
        <Button id="triage-merge" size="compact" variant="secondary" disabled={triage.loading} onClick={() => setMerging(true)}>
          合并到…
        </Button>
        <Button id="triage-decline" size="compact" variant="danger" disabled={triage.loading} onClick={() => setAsking('decline')}>
          不予受理
        </Button>
      </View>

      <PromptModal
        visible={prompt !== null}
        title={prompt?.title ?? ''}
        message={prompt?.message}
        placeholder={prompt?.placeholder}
        confirmText={prompt?.confirm}
        danger={asking === 'decline'}
        multiline
        maxLength={1000}
        busy={triage.loading}
        validate={(value) => (prompt?.required && !value ? '请写明内容' : null)}
        onConfirm={(reply) => {
          if (asking) void triage.run({ issueId: issue.id, decision: asking, ...(reply ? { reply } : {}) })
        }}
        onCancel={() => setAsking(null)}
      />
      {merging && <MergePicker issue={issue} busy={triage.loading} onPick={(t) => void mergeInto(t)} onClose={() => setMerging(false)} />}
    </Card>
  )
}

/** Where to merge: matters still being handled, most co-signed first. */
function MergePicker({ issue, busy, onPick, onClose }: { issue: Issue; busy: boolean; onPick: (target: { id: string; title: string }) => void; onClose: () => void }) {
  const list = usePagedQuery('council.issue.list', { limit: 50, sort: 'popular' })
  const targets = list.items.filter((i) => i.id !== issue.id && ['open', 'candidate', 'accepted'].includes(i.status))
  return (
    <Modal
      id="merge-picker"
      visible
      placement="bottom"
      title="合并到哪件事"
      onClose={onClose}
      footer={
        <Button id="merge-cancel" variant="secondary" onClick={onClose}>
          取消
        </Button>
      }
    >
      {list.loading && list.items.length === 0 ? (
        <Loading rows={3} />
      ) : targets.length === 0 ? (
        <Empty title="没有可以合并到的事" hint="只能合并到仍在征集附议或已立项的事。" />
      ) : (
        targets.map((t, index) => (
          <View key={t.id} id={`merge-target-${index}`} className="merge-target" hoverClass={busy ? 'none' : 'is-pressed'} onClick={busy ? undefined : () => onPick(t)}>
            <Text className="merge-target__title">{t.title}</Text>
            <Text className="council-meta">
              {t.statusLabel} · 附议 {t.cosigns}
            </Text>
          </View>
        ))
      )}
    </Modal>
  )
}
