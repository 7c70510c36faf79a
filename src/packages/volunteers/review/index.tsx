import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ActionOutput } from '../../../api'
import { Button, Card, ChipGroup, Empty, ErrorState, ExportButton, Loading, Modal, Page, PromptModal, SectionTitle, TextField } from '../../../components'
import { useAccess, useAction, useQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../../hooks'
import { pageParam } from '../../../routes'
import { formatDateTime } from '../../../utils/date'
import { toastError } from '../../../utils/feedback'
import { hoursText, serviceCategoryLabel } from '../labels'
import '../volunteers.scss'

type Application = ActionOutput<'volunteer.application.list'>['items'][number]
type Honour = ActionOutput<'volunteer.honour.pending'>['items'][number]
type Correction = ActionOutput<'volunteer.record.corrections'>['items'][number]
type Status = 'pending' | 'approved' | 'declined'
type Tab = 'applications' | 'honours' | 'corrections'

/**
 * The desks of 志愿服务: 居委会 decides applications and confirms honour hours
 * (never their own); team leads and 居委会 answer correction requests of records.
 */
export default function ReviewPage() {
  const access = useAccess()
  const mine = useQuery('volunteer.me', {}, [], { enabled: access.resident })
  const committee = access.canReviewVolunteers
  const leads = (mine.data?.leads.length ?? 0) > 0
  const [tab, setTab] = useState<Tab>(() => (pageParam('tab') as Tab) || (committee ? 'applications' : 'corrections'))
  const tabs: Array<{ value: Tab; label: string; id: string }> = [
    ...(committee
      ? [
          { value: 'applications' as const, label: '志愿者申请', id: 'tab-applications' },
          { value: 'honours' as const, label: '荣誉时长', id: 'tab-honours' },
        ]
      : []),
    { value: 'corrections', label: '更正申请', id: 'tab-corrections' },
  ]
  const shown: Tab = committee ? tab : 'corrections'
  return (
    <Page id="page-volunteer-review">
      {!access.known || (access.resident && !mine.data && !mine.error) ? (
        <Loading rows={4} />
      ) : !committee && !leads ? (
        <Empty id="review-forbidden" title="这里由居委会和志愿队队长处理" hint="如对申请或服务记录有疑问，请联系社区居委会。" />
      ) : (
        <>
          {tabs.length > 1 && <ChipGroup id="review-tabs" wide options={tabs} selected={[shown]} onSelect={(v) => setTab(v as Tab)} />}
          {shown === 'applications' && <Applications />}
          {shown === 'honours' && <Honours />}
          {shown === 'corrections' && <Corrections />}
        </>
      )}
    </Page>
  )
}

function Applications() {
  const [status, setStatus] = useState<Status>('pending')
  const list = useQuery('volunteer.application.list', { status, limit: 100 }, [status])
  useRefreshOnPullDown(list.refresh)
  useRefreshOnShow(list.refresh)
  const [declining, setDeclining] = useState<Application | null>(null)
  const decide = useAction('volunteer.application.decide', {
    done: (res) => (res.status === 'approved' ? `已通过，编号 ${res.number}` : '已告知申请人'),
    onDone: () => setDeclining(null),
    refresh: list.refresh,
  })
  const busy = decide.pending?.memberId ?? null

  return (
    <>
      <SectionTitle title="志愿者申请" />
      {status === 'approved' && <ExportButton id="export-volunteer-hours" className="list-export" input={{ kind: 'volunteerHours' }} />}
      <ChipGroup
        id="review-status"
        options={[
          { value: 'pending', label: '待审核', id: 'review-pending' },
          { value: 'approved', label: '已通过', id: 'review-approved' },
          { value: 'declined', label: '未通过', id: 'review-declined' },
        ]}
        selected={[status]}
        onSelect={(v) => setStatus(v as Status)}
      />
      {list.error && !list.data ? (
        <ErrorState error={list.error} onRetry={() => void list.refresh()} />
      ) : !list.data ? (
        <Loading rows={3} />
      ) : list.data.items.length === 0 ? (
        <Empty id="review-empty" title={status === 'pending' ? '没有待审核的申请' : '这里还没有申请'} hint="居民在「志愿服务」里提交申请后，会出现在这里。" />
      ) : (
        <View id="review-list">
          {list.data.items.map((a, index) => (
            <Card key={a.memberId} id={`application-${index}`} title={a.realName}>
              <Text className="vol-meta">身份证 {a.idMasked}{a.number ? ` · 编号 ${a.number}` : ''}</Text>
              <Text className="vol-meta">服务类别：{a.categories.map(serviceCategoryLabel).join('、')}</Text>
              {a.skills.length > 0 && <Text className="vol-meta">技能特长：{a.skills.join('、')}</Text>}
              <Text className="vol-meta">{formatDateTime(a.appliedAt)} 提交</Text>
              {a.declineReason && <Text className="vol-meta">未通过原因：{a.declineReason}</Text>}
              {a.status === 'pending' && (
                <View className="vol-actions">
                  <Button
                    id={`application-approve-${index}`}
                    disabled={busy !== null}
                    onClick={() =>
                      void decide.run(
                        { memberId: a.memberId, approve: true },
                        { confirm: { title: '通过申请', content: `通过「${a.realName}」的志愿者申请？将分配志愿者编号并通知本人。`, confirmText: '通过' } },
                      )
                    }
                  >
                    {busy === a.memberId ? '处理中…' : '通过'}
                  </Button>
                  <Button id={`application-decline-${index}`} variant="secondary" disabled={busy !== null} onClick={() => setDeclining(a)}>
                    不通过
                  </Button>
                </View>
              )}
            </Card>
          ))}
        </View>
      )}
      <PromptModal
        visible={declining !== null}
        title="不通过这份申请？"
        message="申请人会收到通知和原因，修改后可以重新申请。"
        placeholder="请写明原因，如：身份证号与姓名不符"
        confirmText="不通过"
        cancelText="返回"
        danger
        multiline
        maxLength={200}
        validate={(v) => (v.length < 2 ? '请写明原因（至少 2 个字）' : null)}
        busy={decide.loading}
        onConfirm={(reason) => declining && void decide.run({ memberId: declining.memberId, approve: false, reason })}
        onCancel={() => setDeclining(null)}
      />
    </>
  )
}

function Honours() {
  const list = useQuery('volunteer.honour.pending', { limit: 100 })
  useRefreshOnPullDown(list.refresh)
  useRefreshOnShow(list.refresh)
  const [declining, setDeclining] = useState<Honour | null>(null)
  const confirm = useAction('volunteer.honour.confirm', {
    done: (res) => (res.status === 'confirmed' ? '已确认，计入荣誉时长' : '已退回'),
    onDone: () => setDeclining(null),
    refresh: list.refresh,
  })
  const busy = confirm.pending?.honourId ?? null
  return (
    <>
      <SectionTitle title="待确认的荣誉时长" />
      <Text className="vol-note">荣誉时长由队长为无法扫码的服务登记，须由登记人以外的居委会成员确认；它与服务时长分开记，不计入星级。</Text>
      {list.error && !list.data ? (
        <ErrorState error={list.error} onRetry={() => void list.refresh()} />
      ) : !list.data ? (
        <Loading rows={3} />
      ) : list.data.items.length === 0 ? (
        <Empty id="honours-empty" title="没有待确认的荣誉时长" hint="队长在时段名单中登记后会出现在这里。" />
      ) : (
        <View id="honour-list">
          {list.data.items.map((h, index) => (
            <Card key={h.honourId} id={`honour-${index}`} title={`${h.name} · ${hoursText(h.minutes / 60)}`}>
              <Text className="vol-meta">时段：{h.shift}</Text>
              <Text className="vol-meta">原因：{h.reason}</Text>
              <Text className="vol-meta">{h.addedBy} 于 {formatDateTime(h.addedAt)} 登记</Text>
              {h.canConfirm ? (
                <View className="vol-actions">
                  <Button
                    id={`honour-approve-${index}`}
                    disabled={busy !== null}
                    onClick={() =>
                      void confirm.run(
                        { honourId: h.honourId, approve: true },
                        { confirm: { title: '确认荣誉时长', content: `确认为「${h.name}」计入 ${hoursText(h.minutes / 60)}荣誉时长？`, confirmText: '确认' } },
                      )
                    }
                  >
                    {busy === h.honourId ? '处理中…' : '确认'}
                  </Button>
                  <Button id={`honour-decline-${index}`} variant="secondary" disabled={busy !== null} onClick={() => setDeclining(h)}>退回</Button>
                </View>
              ) : (
                <Text id={`honour-own-${index}`} className="vol-meta">这是你登记的，须由另一位居委会成员确认。</Text>
              )}
            </Card>
          ))}
        </View>
      )}
      <PromptModal
        visible={declining !== null}
        title="退回这条荣誉时长？"
        message="登记的队长会看到退回原因。"
        placeholder="如：该时段已有扫码记录，不需补记"
        confirmText="退回"
        cancelText="返回"
        danger
        multiline
        maxLength={200}
        validate={(v) => (v.length < 2 ? '请写明原因（至少 2 个字）' : null)}
        busy={confirm.loading}
        onConfirm={(reason) => declining && void confirm.run({ honourId: declining.honourId, approve: false, reason })}
        onCancel={() => setDeclining(null)}
      />
    </>
  )
}

function Corrections() {
  const list = useQuery('volunteer.record.corrections', { limit: 100 })
  useRefreshOnPullDown(list.refresh)
  useRefreshOnShow(list.refresh)
  const [answering, setAnswering] = useState<Correction | null>(null)
  return (
    <>
      <SectionTitle title="待答复的更正申请" />
      {list.error && !list.data ? (
        <ErrorState error={list.error} onRetry={() => void list.refresh()} />
      ) : !list.data ? (
        <Loading rows={3} />
      ) : list.data.items.length === 0 ? (
        <Empty id="corrections-empty" title="没有待答复的更正申请" hint="志愿者对服务记录有异议时，会在这里提出。" />
      ) : (
        <View id="correction-list">
          {list.data.items.map((c, index) => (
            <Card key={c.correctionId} id={`correction-${index}`} title={c.name}>
              <Text className="vol-meta">时段：{c.shift}</Text>
              <Text className="vol-meta">现记录：{hoursText(c.minutesBefore / 60)}（时段最长 {hoursText(c.maxMinutes / 60)}）</Text>
              <Text className="vol-body">{c.request}</Text>
              <Text className="vol-meta">{formatDateTime(c.requestedAt)} 提出</Text>
              <View className="vol-actions">
                <Button id={`correction-answer-${index}`} onClick={() => setAnswering(c)}>答复</Button>
              </View>
            </Card>
          ))}
        </View>
      )}
      {answering && <AnswerModal correction={answering} onClose={() => setAnswering(null)} refresh={list.refresh} />}
    </>
  )
}

function AnswerModal({ correction: c, onClose, refresh }: { correction: Correction; onClose: () => void; refresh: () => Promise<void> }) {
  const answer = useAction('volunteer.record.answer', { done: (res) => (res.status === 'accepted' ? '已更正，已通知志愿者' : '已答复'), onDone: onClose, refresh })
  const [accept, setAccept] = useState('yes')
  const [minutes, setMinutes] = useState(String(c.minutesBefore))
  const [text, setText] = useState('')
  const submit = () => {
    if (text.trim().length < 2) return toastError({ message: '请写明答复（至少 2 个字）' })
    if (accept === 'no') return void answer.run({ correctionId: c.correctionId, accept: false, answer: text.trim() })
    const n = Number(minutes)
    if (!Number.isInteger(n) || n < 0 || n > c.maxMinutes) return toastError({ message: `请填写 0–${c.maxMinutes} 之间的分钟数` })
    void answer.run({ correctionId: c.correctionId, accept: true, minutes: n, answer: text.trim() })
  }
  return (
    <Modal
      id="answer-modal"
      visible
      title={`答复「${c.name}」的更正申请`}
      footer={
        <>
          <Button id="answer-cancel" variant="secondary" onClick={onClose}>返回</Button>
          <Button id="answer-confirm" disabled={answer.loading} onClick={submit}>{answer.loading ? '请稍候…' : '提交答复'}</Button>
        </>
      }
    >
      <ChipGroup
        id="answer-accept"
        wide
        options={[
          { value: 'yes', label: '更正记录', id: 'answer-yes' },
          { value: 'no', label: '不更正', id: 'answer-no' },
        ]}
        selected={[accept]}
        onSelect={setAccept}
      />
      {accept === 'yes' && <TextField id="answer-minutes" label="应计入的服务时长" type="number" suffix="分钟" value={minutes} onChange={setMinutes} maxLength={3} hint="时长、星级和积分随之调整" />}
      <TextField id="answer-text" label={accept === 'yes' ? '更正说明' : '不更正的理由'} value={text} onChange={setText} maxLength={300} placeholder="会通知志愿者" />
    </Modal>
  )
}
