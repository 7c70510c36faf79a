import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useMemo, useState } from 'react'
import type { ActionInput, ActionOutput } from '../../../api'
import { now } from '../../../api/clock'
import { Button, Card, ChipGroup, DateTimeField, Empty, Page, QueryView, TextField, Toggle } from '../../../components'
import { useAccess, useAction, useMe, useQuery } from '../../../hooks'
import { goBack, pageParam, replacePage } from '../../../routes'
import { fromChina, inChina } from '../../../utils/date'
import { toastError } from '../../../utils/feedback'
import '../../council/council.scss'
import { SHOW_RANKINGS, SHOW_RANKING_LABELS } from '../labels'
import '../awards.scss'

type Campaign = ActionOutput<'award.campaign.get'>
type CreateInput = ActionInput<'award.campaign.create'>

const DAY = 86_400_000
const RANKING = SHOW_RANKINGS.map((value) => ({ value, label: SHOW_RANKING_LABELS[value], id: `ranking-${value}` }))

/** A China day `days` from now at `time`, as an instant. */
function dayAt(days: number, time: string): string {
  return fromChina(inChina(now() + days * DAY).format('YYYY-MM-DD'), time).format()
}

/** The form's starting point: nominations for a week, 公示 5 days each, voting a week after it, 3 votes a day. */
function defaults() {
  return {
    title: '',
    description: '',
    categories: '',
    startNow: true,
    nominationStartAt: dayAt(1, '08:00'),
    nominationEndAt: dayAt(7, '20:00'),
    votingStartAt: dayAt(13, '08:00'),
    votingEndAt: dayAt(20, '20:00'),
    candidatePublicDays: '5',
    resultPublicDays: '5',
    votesPerDay: '3',
    coRecommendations: '2',
    winners: '5',
    winnerPoints: '50',
    juryPercent: '30',
    verifiedOnly: true,
    selfNomination: true,
    selfVote: false,
    showRanking: 'daily',
  }
}

type Form = ReturnType<typeof defaults>

function formOf(c: Campaign): Form {
  return {
    title: c.title,
    description: c.description,
    categories: c.categories.join('、'),
    startNow: false,
    nominationStartAt: c.nominationStartAt,
    nominationEndAt: c.nominationEndAt,
    votingStartAt: c.votingStartAt,
    votingEndAt: c.votingEndAt,
    candidatePublicDays: String(c.candidatePublicDays),
    resultPublicDays: String(c.resultPublicDays),
    votesPerDay: String(c.rules.votesPerDay),
    coRecommendations: String(c.rules.coRecommendations),
    winners: String(c.rules.winners),
    winnerPoints: String(c.rules.winnerPoints),
    juryPercent: String(c.rules.juryWeight),
    verifiedOnly: c.rules.verifiedOnly,
    selfNomination: c.rules.selfNomination,
    selfVote: c.rules.selfVote,
    showRanking: c.rules.showRanking,
  }
}

/** 居委会: start a 最美邻里 campaign, or (`?id=`) change one whose nominations have not opened. */
export default function CampaignNewPage() {
  const [campaignId] = useState(() => pageParam('id'))
  const me = useMe()
  const access = useAccess()
  useEffect(() => {
    if (campaignId) void Taro.setNavigationBarTitle({ title: '修改评选' })
  }, [campaignId])
  return (
    <Page id="page-award-campaign-new">
      <QueryView query={me} rows={5}>
        {() =>
          !access.canManageAwards ? (
            <Empty title="只有居委会可以发起评选" hint="想推荐好邻居，可以在评选的提名阶段提名。" actionText="返回" onAction={goBack} />
          ) : campaignId ? (
            <CampaignEdit campaignId={campaignId} />
          ) : (
            <CampaignForm initial={defaults()} />
          )
        }
      </QueryView>
    </Page>
  )
}

function CampaignEdit({ campaignId }: { campaignId: string }) {
  const campaign = useQuery('award.campaign.get', { campaignId }, [campaignId])
  return (
    <QueryView query={campaign} rows={5}>
      {(c) =>
        c.phase === 'upcoming' ? (
          <CampaignForm initial={formOf(c)} campaignId={campaignId} />
        ) : (
          <Empty id="campaign-edit-closed" title="这次评选不能再修改" hint="提名开始后，规则要对所有人保持不变。" actionText="返回" onAction={goBack} />
        )
      }
    </QueryView>
  )
}

const whole = (value: string, min: number, max: number) => {
  const n = Number(value)
  return Number.isInteger(n) && n >= min && n <= max ? n : null
}

function CampaignForm({ initial, campaignId }: { initial: Form; campaignId?: string }) {
  const [form, setForm] = useState(initial)
  const set = <K extends keyof Form>(key: K) => (value: Form[K]) => setForm((f) => ({ ...f, [key]: value }))
  const create = useAction('award.campaign.create', { onDone: (res) => replacePage('award', { id: res.campaignId }), done: '已发布' })
  const update = useAction('award.campaign.update', { onDone: goBack, done: '已保存' })
  const busy = create.loading || update.loading
  const min = useMemo(() => new Date(now()).toISOString(), [])

  const submit = () => {
    // The server's limits (award.campaign.create), checked first for a friendlier message.
    const votesPerDay = whole(form.votesPerDay, 1, 10)
    const candidateDays = whole(form.candidatePublicDays, 1, 15)
    const resultDays = whole(form.resultPublicDays, 1, 15)
    const co = whole(form.coRecommendations, 0, 20)
    const winners = whole(form.winners, 1, 50)
    const points = whole(form.winnerPoints, 0, 1000)
    const jury = whole(form.juryPercent, 0, 100)
    if (form.title.trim().length < 4) return toastError({ message: '评选名称至少 4 个字' })
    if (form.description.trim().length < 10) return toastError({ message: '请写明评选什么样的邻居，至少 10 个字' })
    if (votesPerDay === null) return toastError({ message: '每天票数请填 1 到 10' })
    if (candidateDays === null || resultDays === null) return toastError({ message: '公示期请填 1 到 15 天' })
    if (co === null) return toastError({ message: '联名户数请填 0 到 20' })
    if (winners === null) return toastError({ message: '评出人数请填 1 到 50' })
    if (points === null) return toastError({ message: '积分请填 0 到 1000' })
    if (jury === null) return toastError({ message: '评审权重请填 0 到 100' })
    const start = form.startNow ? now() : Date.parse(form.nominationStartAt)
    if (Date.parse(form.nominationEndAt) <= start) return toastError({ message: '提名截止要晚于提名开始' })
    if (Date.parse(form.votingStartAt) < Date.parse(form.nominationEndAt) + candidateDays * DAY) {
      return toastError({ message: `投票开始要在提名截止 ${candidateDays} 天之后，留出候选人公示期` })
    }
    if (Date.parse(form.votingEndAt) <= Date.parse(form.votingStartAt)) return toastError({ message: '投票截止要晚于投票开始' })
    const input = {
      title: form.title.trim(),
      description: form.description.trim(),
      categories: form.categories.split(/[、,，\s]+/).map((c) => c.trim()).filter(Boolean),
      ...(form.startNow ? {} : { nominationStartAt: form.nominationStartAt }),
      nominationEndAt: form.nominationEndAt,
      votingStartAt: form.votingStartAt,
      votingEndAt: form.votingEndAt,
      candidatePublicDays: candidateDays,
      resultPublicDays: resultDays,
      votesPerDay,
      coRecommendations: co,
      winners,
      winnerPoints: points,
      publicWeight: 100 - jury,
      verifiedOnly: form.verifiedOnly,
      selfNomination: form.selfNomination,
      selfVote: form.selfVote,
      showRanking: form.showRanking as CreateInput['showRanking'],
    }
    void (campaignId ? update.run({ campaignId, ...input }) : create.run(input))
  }

  return (
    <>
      <Card>
        <TextField id="campaign-title" label="评选名称" value={form.title} onChange={set('title')} maxLength={40} placeholder="如：2026 年度最美邻里" />
        <Text className="field-label">评选说明</Text>
        <Textarea
          id="campaign-description"
          className="textarea-box comment-input"
          value={form.description}
          maxlength={1000}
          placeholder="评选什么样的邻居、怎么评、评上后有什么"
          onInput={(e) => set('description')(e.detail.value)}
        />
        <View className="cosign__button">
          <TextField id="campaign-categories" label="类别（可不填，用顿号分开）" value={form.categories} onChange={set('categories')} maxLength={60} placeholder="如：热心助人、孝老爱亲、文明家庭" />
        </View>
      </Card>

      <Card title="时间（北京时间）">
        <Text className="field-label">提名开始</Text>
        <ChipGroup
          id="campaign-start"
          wide
          options={[
            { value: 'now', label: '立即开始', id: 'campaign-start-now' },
            { value: 'later', label: '定时开始', id: 'campaign-start-later' },
          ]}
          selected={[form.startNow ? 'now' : 'later']}
          onSelect={(v) => set('startNow')(v === 'now')}
        />
        <View className="cosign__button">
          {!form.startNow && <DateTimeField id="campaign-nomination-start" label="提名开始时间" value={form.nominationStartAt} min={min} onChange={set('nominationStartAt')} hint="开始前还可以修改评选；开始后规则不再变。" />}
          <DateTimeField id="campaign-nomination-end" label="提名截止" value={form.nominationEndAt} min={min} onChange={set('nominationEndAt')} hint="截止后居委会审核提名，公示候选名单。" />
        </View>
        <TextField
          id="campaign-candidate-days"
          label="候选人公示"
          type="number"
          suffix="天"
          value={form.candidatePublicDays}
          onChange={set('candidatePublicDays')}
          maxLength={2}
          hint="公示期内居民可以实名提出异议，居委会答复后才开始投票。"
        />
        <DateTimeField id="campaign-voting-start" label="投票开始" value={form.votingStartAt} min={min} onChange={set('votingStartAt')} />
        <DateTimeField id="campaign-voting-end" label="投票截止" value={form.votingEndAt} min={min} onChange={set('votingEndAt')} hint="投票期最长 30 天。" />
        <TextField id="campaign-result-days" label="结果公示" type="number" suffix="天" value={form.resultPublicDays} onChange={set('resultPublicDays')} maxLength={2} hint="期满且异议都已答复后，居委会确认最终结果。" />
      </Card>

      <Card title="提名与投票">
        <View className="award-field-row">
          <TextField id="campaign-votes-per-day" label="每人每天" type="number" suffix="票" value={form.votesPerDay} onChange={set('votesPerDay')} maxLength={2} />
          <TextField id="campaign-co" label="推荐他人需联名" type="number" suffix="户" value={form.coRecommendations} onChange={set('coRecommendations')} maxLength={2} />
        </View>
        <Text className="council-meta">同一位候选人每天最多一票。联名：除推荐人外还要几户邻居一起推荐；自荐不需要。</Text>
        <Toggle id="campaign-verified-only" label="只限已认证居民投票" hint="核实过住户的居民才能投票，防止刷票" checked={form.verifiedOnly} onChange={set('verifiedOnly')} />
        <Toggle id="campaign-self-nomination" label="接受自荐" checked={form.selfNomination} onChange={set('selfNomination')} />
        <Toggle id="campaign-self-vote" label="候选人可以给自己投票" checked={form.selfVote} onChange={set('selfVote')} />
        <Text className="field-label cosign__button">投票期间的票数</Text>
        <ChipGroup id="campaign-ranking" wide list options={RANKING} selected={[form.showRanking]} onSelect={set('showRanking')} />
      </Card>

      <Card title="评出">
        <View className="award-field-row">
          <TextField id="campaign-winners" label="获评人数" type="number" suffix="人" value={form.winners} onChange={set('winners')} maxLength={2} />
          <TextField id="campaign-points" label="每人积分" type="number" suffix="分" value={form.winnerPoints} onChange={set('winnerPoints')} maxLength={4} />
        </View>
        <TextField
          id="campaign-jury"
          label="评审团打分占比"
          type="number"
          suffix="%"
          value={form.juryPercent}
          onChange={set('juryPercent')}
          maxLength={3}
          hint={`居民投票占 ${Math.max(0, 100 - (Number(form.juryPercent) || 0))}%。填 0 表示只看居民投票。`}
        />
      </Card>

      <Text className="council-note">提名开始前还可以修改；开始后规则对所有人保持不变。</Text>
      <Button id="campaign-submit" block disabled={busy} onClick={submit}>
        {busy ? '正在保存…' : campaignId ? '保存修改' : '发布评选'}
      </Button>
    </>
  )
}
