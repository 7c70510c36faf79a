import { Image, Button as NativeButton, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { ActionOutput } from '../../api'
import { fileUrl } from '../../api/fileUrl'
import { Button, Card, Loading } from '../../components'
import { useQuery } from '../../hooks'
import './awards.scss'

type Campaign = ActionOutput<'award.campaign.get'>
type Candidate = Campaign['candidates'][number]

/**
 * The card a neighbour receives in the chat (the page's onShareAppMessage), drawn
 * here as they will see it, with WeChat's own share button. It invites reading the
 * story; WeChat forbids making sharing a condition or reward of a vote, and we say so.
 */
export function ShareCard({ campaign, candidate }: { campaign: Campaign; candidate: Candidate }) {
  const [asked, setAsked] = useState(false)
  const excerpt = candidate.story.length > 60 ? `${candidate.story.slice(0, 60)}…` : candidate.story
  return (
    <Card id="candidate-share" title="请邻居来读读TA的故事">
      <View className="award-poster">
        <Text className="award-poster__title">{campaign.title}</Text>
        <Text className="award-poster__name">
          {candidate.number}号 {candidate.name}
        </Text>
        <Text className="award-poster__story">{excerpt}</Text>
        {asked && <PosterCode candidateId={candidate.candidateId} />}
      </View>
      {!asked && (
        <Button id="candidate-share-code" variant="secondary" block className="award-share" onClick={() => setAsked(true)}>
          生成带小程序码的海报
        </Button>
      )}
      {process.env.TARO_ENV === 'weapp' ? (
        <NativeButton id="candidate-share-button" className="btn btn--secondary btn--block award-share" openType="share">
          转发给邻居
        </NativeButton>
      ) : (
        <Text className="council-meta">在微信里打开这一页，点「转发给邻居」就能发到邻居群。</Text>
      )}
      <Text id="candidate-share-note" className="council-meta">
        转发只是为了让更多邻居读到TA的故事：投票不需要转发，转发也不会加票，请不要拉票。
      </Text>
    </Card>
  )
}

/** The candidate's mini-program code (award.candidate.code): scanned, it opens this candidate's page. */
function PosterCode({ candidateId }: { candidateId: string }) {
  const code = useQuery('award.candidate.code', { candidateId }, [candidateId])
  if (!code.data) return code.error ? <Text className="council-meta">{code.error.message}</Text> : <Loading rows={1} text="正在生成小程序码…" />
  const src = fileUrl(code.data.fileID)
  return (
    <>
      <View id="candidate-share-qr" onClick={() => void Taro.previewImage({ urls: [src], current: src })}>
        <Image className="award-poster__qr" src={src} mode="scaleToFill" showMenuByLongpress />
      </View>
      <Text className="council-meta">长按或点开图片保存，邻居扫码就能读到TA的故事。</Text>
    </>
  )
}
