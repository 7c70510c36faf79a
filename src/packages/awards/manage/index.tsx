import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ActionOutput } from '../../../api'
import { Button, Card, Empty, ExportButton, LinkRow, Page, PromptModal, QueryView, SectionTitle, Tag, TextField } from '../../../components'
import { useAccess, useAction, useMe, useQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../../hooks'
import { useLocalClock } from '../../../hooks/useLocalClock'
import { goBack, openPage, pageParam } from '../../../routes'
import { formatDateTime, formatTime } from '../../../utils/date'
import { toastError } from '../../../utils/feedback'
import { awardPhaseLabel } from '../labels'
import { NominationCard } from '../NominationCard'
import '../../council/council.scss'
import '../awards.scss'

type Campaign = ActionOutput<'award.campaign.get'>
type Flags = ActionOutput<'award.votes.flags'>
type Burst = Flags['bursts'][number]
type RiskVote = Flags['riskVotes'][number]

const DAY = 86_400_000

/** 居委会's desk for one campaign: each phase's work in its order, the current one first. */
export default function ManagePage() {
  const [campaignId] = useState(() => pageParam('id'))
  const me = useMe()
  const access = useAccess()
  const campaign = useQuery('award.campaign.get', { campaignId }, [campaignId], { enabled: !!campaignId && access.canManageAwards })
  useRefreshOnPullDown(campaign.refresh)
  useRefreshOnShow(campaign.refresh)
  return (
    <Page id="page-award-manage">
      <QueryView query={me} rows={4}>
        {() =>
          !access.canManageAwards ? (
            <Empty title="只有居委会可以管理评选" hint="居民可以在评选页面提名、联名推荐和投票。" actionText="返回" onAction={goBack} />
          ) : (
            <QueryView query={campaign} rows={6}>
              {(c) => <Desk campaign={c} refresh={campaign.refresh} />}
            </QueryView>
          )
        }
      </QueryView>
    </Page>
  )
}

function Desk({ campaign: c, refresh }: { campaign: Campaign; refresh: () => Promise<void> }) {
  const noticeId = c.phase === 'results' || c.phase === 'final' ? c.resultNoticeId : c.candidateNoticeId
  const during = c.phase === 'results' || c.phase === 'final' ? c.objections.results : c.objections.candidates
  return (
    <>
      <Card id="manage-head">
        <View className="issue-head">
          <Tag id="manage-phase" tone="brand">{awardPhaseLabel(c.phase)}</Tag>
        </View>
        <Text className="issue-head__title">{c.title}</Text>
        <Text className="council-meta">
          提名 {formatDateTime(c.nominationStartAt)}–{formatDateTime(c.nominationEndAt)}；投票 {formatDateTime(c.votingStartAt)}–{formatDateTime(c.votingEndAt)}
        </Text>
      </Card>
      {c.phase === 'upcoming' && (
        <LinkRow id="manage-edit" title="修改评选" desc="提名开始前可以修改规则和时间" onClick={() => openPage('awardCampaignNew', { id: c.campaignId })} />
      )}
      {(c.phase === 'nomination' || c.phase === 'review') && <Review campaign={c} refresh={refresh} />}
      {noticeId && (
        <LinkRow
          id="manage-objections"
          title="答复异议"
          desc={during.total === 0 ? '还没有异议' : during.unanswered > 0 ? `${during.unanswered} 条待答复（共 ${during.total} 条）` : `${during.total} 条都已答复`}
          extra={during.unanswered > 0 ? <Tag tone="warning">待答复</Tag> : undefined}
          onClick={() => openPage('notice', { id: noticeId })}
        />
      )}
      {(c.phase === 'voting' || c.phase === 'counting') && <Brushing campaign={c} refresh={refresh} />}
      {(c.phase === 'voting' || c.phase === 'counting') && c.rules.juryWeight > 0 && <Jury campaign={c} refresh={refresh} />}
      {(c.phase === 'counting' || c.phase === 'results') && <Results campaign={c} refresh={refresh} />}
      {c.phase === 'final' && <Empty id="manage-final" title="评选已揭晓" hint="获评邻里已登上光荣榜，积分已记入他们的账户。" actionText="看光荣榜" onAction={() => openPage('awardHonours')} />}
    </>
  )
}

/** 审核提名: approve, or decline with a reason the nominator reads; then publish the candidates. */
function Review({ campaign: c, refresh }: { campaign: Campaign; refresh: () => Promise<void> }) {
  const nominations = useQuery('award.nomination.list', { campaignId: c.campaignId, limit: 50 }, [c.campaignId])
  const [declining, setDeclining] = useState<string | null>(null)
  const review = useAction('award.nomination.review', { onDone: () => setDeclining(null), done: (_, input) => (input.approve ? '已通过' : '已退回'), refresh: nominations.refresh })
  const publish = useAction('award.candidates.publish', {
    confirm: { title: '公示候选人', content: `通过审核的提名将编号公示 ${c.candidatePublicDays} 天，居民可实名提出异议。公示后不能再审核提名。`, confirmText: '公示' },
    done: '已公示',
    refresh,
  })
  const items = nominations.data?.items ?? []
  const approved = items.filter((n) => n.status === 'approved').length
  const pending = items.filter((n) => n.status === 'pending').length
  return (
    <>
      <SectionTitle title={`审核提名（待审核 ${pending}）`} />
      <QueryView query={nominations} rows={3}>
        {() =>
          items.length === 0 ? (
            <Empty id="review-empty" title="还没有提名" hint="提名期内居民提交的提名会出现在这里。" />
          ) : (
            <>
              {items.map((n, index) => (
                <NominationCard
                  key={n.nominationId}
                  id={`review-${index}`}
                  nomination={n}
                  actions={
                    n.status === 'pending' ? (
                      <View className="award-candidate__actions">
                        <Button className="review-approve" disabled={review.loading} onClick={() => void review.run({ nominationId: n.nominationId, approve: true })}>
                          通过
                        </Button>
                        <Button className="review-decline" variant="secondary" disabled={review.loading} onClick={() => setDeclining(n.nominationId)}>
                          不通过
                        </Button>
                      </View>
                    ) : n.status === 'gathering' ? (
                      <Text className="council-meta">还差 {n.needed - n.secondCount} 户联名推荐，够了才能审核。</Text>
                    ) : null
                  }
                />
              ))}
            </>
          )
        }
      </QueryView>
      {c.phase === 'review' ? (
        <Button id="manage-publish" block className="cosign__button" disabled={publish.loading || approved === 0} onClick={() => void publish.run({ campaignId: c.campaignId })}>
          {publish.loading ? '正在公示…' : `公示候选人（${approved} 位）`}
        </Button>
      ) : (
        <Text className="council-note">{formatDateTime(c.nominationEndAt)} 提名截止后，可以公示通过审核的候选人。</Text>
      )}
      <PromptModal
        visible={declining !== null}
        title="不通过这个提名"
        message="提名人会收到消息，看到你写的原因。"
        placeholder="如：事迹与评选主题不符"
        confirmText="不通过"
        danger
        multiline
        maxLength={200}
        busy={review.loading}
        validate={(v) => (v.length < 2 ? '请写明原因' : null)}
        onConfirm={(reason) => declining && void review.run({ nominationId: declining, approve: false, reason })}
        onCancel={() => setDeclining(null)}
      />
    </>
  )
}

/** 防刷票台: bursts with their evidence, risky single votes; voiding always with a reason, which is recorded. */
function Brushing({ campaign: c, refresh }: { campaign: Campaign; refresh: () => Promise<void> }) {
  const flags = useQuery('award.votes.flags', { campaignId: c.campaignId }, [c.campaignId])
  const [target, setTarget] = useState<{ burst: Burst } | { vote: RiskVote } | null>(null)
  const voids = useAction('award.vote.void', {
    onDone: () => setTarget(null),
    done: (res) => `已作废${res.voided}票`,
    refresh: [flags.refresh, refresh],
  })
  const confirmVoid = (reason: string) => {
    if (!target) return
    if ('burst' in target) {
      const b = target.burst
      void voids.run({ campaignId: c.campaignId, burst: { candidateId: b.candidateId, from: b.from, to: b.to }, reason })
    } else {
      void voids.run({ campaignId: c.campaignId, voteIds: [target.vote.voteId], reason })
    }
  }
  return (
    <>
      <SectionTitle title="防刷票" />
      <QueryView query={flags} rows={3}>
        {(f) => (
          <>
            <Card id="flags-totals">
              <Text className="plain-line">
                计票 {f.totals.counted} · 作废 {f.totals.voided} · 记录未计 {f.totals.held}
              </Text>
              <Text className="council-meta">作废的票数会在结果中公开；作废理由记入审计日志。</Text>
            </Card>
            <ExportButton className="list-export" input={{ kind: 'awards', campaignId: c.campaignId }} />
            {f.bursts.length === 0 && f.riskVotes.length === 0 ? (
              <Empty id="flags-empty" title="没有发现异常投票" hint="短时间内集中投给同一人、新账号、同一户或微信判定高风险的投票会列在这里。" />
            ) : null}
            {f.bursts.map((b, index) => (
              <Card key={b.flagId} id={`flag-${index}`} className="award-flag" title={`${b.number}号 集中投票`}>
                <Text className="plain-line">
                  {formatDateTime(b.from)}–{formatTime(b.to)}，{b.evidence.votes} 票
                </Text>
                {b.reasons.map((r) => (
                  <Text key={r} className="council-meta">· {r}</Text>
                ))}
                {b.suspects.length > 5 && <Text className="council-meta">可疑选票 {b.suspects.length} 张，最早的 5 张：</Text>}
                {b.suspects.slice(0, 5).map((v) => (
                  <Text key={v.voteId} className="council-meta">
                    {formatTime(v.at)} {v.voter}
                    {v.household ? `（${v.household}）` : ''}
                    {v.newAccount ? ' 新账号' : ''}
                    {v.why ? ` ${v.why}` : ''}
                  </Text>
                ))}
                {b.voteIds.length > 0 ? (
                  <Button className="flag-void cosign__button" variant="danger" block disabled={voids.loading} onClick={() => setTarget({ burst: b })}>
                    作废这 {b.voteIds.length} 票
                  </Button>
                ) : (
                  <Text className="council-meta">这段时间的票已作废或未计入。</Text>
                )}
              </Card>
            ))}
            {f.riskVotes.length > 0 && <SectionTitle title="风险选票" />}
            {f.riskVotes.map((v, index) => (
              <Card key={v.voteId} id={`risk-${index}`}>
                <Text className="plain-line">
                  {formatDateTime(v.at)} {v.voter} → {v.number}号
                </Text>
                {v.why && <Text className="council-meta">{v.why}</Text>}
                {v.status === 'counted' && (
                  <Button className="risk-void cosign__button" variant="secondary" size="compact" disabled={voids.loading} onClick={() => setTarget({ vote: v })}>
                    作废这一票
                  </Button>
                )}
              </Card>
            ))}
          </>
        )}
      </QueryView>
      <PromptModal
        visible={target !== null}
        title="作废选票"
        message="作废的票从候选人得票中扣除，作废总数在结果中公开。请写明理由，会记录在案。"
        placeholder="如：同一户多个新账号在 5 分钟内集中投票"
        confirmText="作废"
        danger
        multiline
        maxLength={200}
        busy={voids.loading}
        validate={(v) => (v.length < 4 ? '理由至少 4 个字' : null)}
        onConfirm={confirmVoid}
        onCancel={() => setTarget(null)}
      />
    </>
  )
}

/** 评审打分: the jury's 0–100 for every candidate, saved together. */
function Jury({ campaign: c, refresh }: { campaign: Campaign; refresh: () => Promise<void> }) {
  const [scores, setScores] = useState<Record<string, string>>(() =>
    Object.fromEntries(c.candidates.map((cand) => [cand.candidateId, cand.juryScore == null ? '' : String(cand.juryScore)])),
  )
  const save = useAction('award.jury.score', { done: '已保存', refresh })
  const submit = () => {
    const entries = Object.entries(scores).filter(([, v]) => v.trim() !== '')
    if (entries.length === 0) return toastError({ message: '请至少填一位候选人的分数' })
    const bad = entries.find(([, v]) => !(Number(v) >= 0 && Number(v) <= 100))
    if (bad) return toastError({ message: '分数请填 0 到 100' })
    void save.run({ campaignId: c.campaignId, scores: entries.map(([candidateId, v]) => ({ candidateId, score: Math.round(Number(v) * 10) / 10 })) })
  }
  return (
    <>
      <SectionTitle title={`评审打分（占 ${c.rules.juryWeight}%）`} />
      <Card id="jury">
        {c.candidates.map((cand, index) => (
          <TextField
            key={cand.candidateId}
            id={`jury-${index}`}
            label={`${cand.number}号 ${cand.name}`}
            type="digit"
            suffix="分"
            value={scores[cand.candidateId] ?? ''}
            onChange={(v) => setScores((s) => ({ ...s, [cand.candidateId]: v }))}
            maxLength={5}
          />
        ))}
        <Text className="council-meta">评审团对每位候选人打 0–100 分；结果公布前都可以修改。</Text>
        <Button id="jury-save" block className="cosign__button" disabled={save.loading} onClick={submit}>
          {save.loading ? '正在保存…' : '保存评审分'}
        </Button>
      </Card>
    </>
  )
}

/** 公布结果 once voting closed, then 确认获评 after the result 公示 and its objections. */
function Results({ campaign: c, refresh }: { campaign: Campaign; refresh: () => Promise<void> }) {
  // Redrawn when the clock is learnt or moves on, so the end of the 公示 shows without leaving the page.
  const clock = useLocalClock()
  const publish = useAction('award.results.publish', {
    confirm: { title: '公布结果', content: `封存票箱，按综合得分排出名次，结果公示 ${c.resultPublicDays} 天。公布后不能再作废选票或修改评审分。`, confirmText: '公布' },
    done: '已公布',
    refresh,
  })
  const confirm = useAction('award.winners.confirm', {
    confirm: { title: '确认获评', content: '发布揭晓公告，获评邻里登上光荣榜并获得积分。', confirmText: '确认' },
    done: '已揭晓',
    refresh,
  })
  if (c.phase === 'counting') {
    const missing = c.rules.juryWeight > 0 ? c.candidates.filter((cand) => cand.juryScore === null) : []
    return (
      <Card id="manage-results" title="公布结果">
        {missing.length > 0 ? (
          <Text id="results-why-not" className="council-meta">还要录入 {missing.map((m) => `${m.number}号`).join('、')} 的评审分，才能公布结果。</Text>
        ) : (
          <Button id="manage-publish-results" block disabled={publish.loading} onClick={() => void publish.run({ campaignId: c.campaignId })}>
            {publish.loading ? '正在计票…' : '公布评选结果'}
          </Button>
        )}
      </Card>
    )
  }
  const until = Date.parse(c.resultsAt!) + c.resultPublicDays * DAY
  const waiting = clock.now < until ? `结果公示到 ${formatDateTime(new Date(until).toISOString())}，之后才能确认。` : c.objections.results.unanswered > 0 ? `还有 ${c.objections.results.unanswered} 条异议没有答复。` : null
  return (
    <Card id="manage-results" title="确认获评">
      {waiting ? (
        <Text id="confirm-why-not" className="council-meta">{waiting}</Text>
      ) : (
        <Button id="manage-confirm" block disabled={confirm.loading} onClick={() => void confirm.run({ campaignId: c.campaignId })}>
          {confirm.loading ? '正在确认…' : '确认获评，登上光荣榜'}
        </Button>
      )}
    </Card>
  )
}
