/**
 * 最美邻里 / 好厝边: every `award.*` action. Campaigns (campaigns.ts), nominations and
 * the candidates' 公示 (nominations.ts), votes, the anti-brushing console and voids
 * (votes.ts), jury scores, results and the 光荣榜 (results.ts). Objections to either
 * 公示 are modules/notice's, on the notices these publish.
 */
import { registerPersonalData } from '../../platform/personal'
import { candidateCode, createCampaign, getCampaign, listCampaigns, listHonours, updateCampaign } from './campaigns'
import { HONOURS, NOMINATIONS, VOTES, type Honour, type Nomination, type Vote } from './model'
import { listNominations, nominate, publishCandidates, reviewNomination, secondNomination } from './nominations'
import { confirmWinners, publishResults, scoreJury } from './results'
import { castVote, voidVotes, voteFlags } from './votes'

export const actions = [
  createCampaign,
  updateCampaign,
  listCampaigns,
  getCampaign,
  nominate,
  secondNomination,
  listNominations,
  reviewNomination,
  publishCandidates,
  castVote,
  voteFlags,
  voidVotes,
  scoreJury,
  publishResults,
  confirmWinners,
  listHonours,
  candidateCode,
] as const

export const timers = [] as const

/** A person's nominations (as they wrote them), co-recommendations, votes and honours. */
registerPersonalData({
  name: 'awards',
  async export(db, m) {
    const newest = { orderBy: [['createdAt', 'desc']] as Array<[string, 'desc']>, limit: 1000 }
    const [nominations, seconded, votes, honours] = await Promise.all([
      db.collection<Nomination>(NOMINATIONS).find({ nominatorId: m._id }, newest),
      db.collection<Nomination>(NOMINATIONS).find({ 'seconds.memberId': m._id }, { limit: 1000, fields: { seconds: true, campaignId: true } }),
      db.collection<Vote>(VOTES).find({ voterId: m._id }, { orderBy: [['at', 'desc']], limit: 1000 }),
      db.collection<Honour>(HONOURS).find({ memberId: m._id }, { limit: 100 }),
    ])
    return {
      nominations: nominations.map((n) => ({ campaignId: n.campaignId, nomineeName: n.nomineeName, self: n.self, category: n.category, story: n.story, photos: n.photos, status: n.status, reviewReason: n.reviewReason, createdAt: n.createdAt })),
      coRecommendations: seconded.flatMap((n) => n.seconds.filter((s) => s.memberId === m._id).map((s) => ({ nominationId: n._id, campaignId: n.campaignId, at: s.at }))),
      votes: votes.map((v) => ({ campaignId: v.campaignId, candidateId: v.candidateId, number: v.number, day: v.day, at: v.at, status: v.status, voidReason: v.voidReason ?? null })),
      honours: honours.map((h) => ({ campaignId: h.campaignId, campaignTitle: h.campaignTitle, rank: h.rank, finalScore: h.finalScore, confirmedAt: h.confirmedAt })),
    }
  },
})
