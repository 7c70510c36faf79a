import { Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import type { ActionOutput } from '../../../api'
import { Button, Card, ChipGroup, Empty, Page, QueryView, TextField } from '../../../components'
import { useAction, useQuery } from '../../../hooks'
import { goBack, pageParam, replacePage } from '../../../routes'
import { toastError } from '../../../utils/feedback'
import { PhotoPicker, type PickedPhoto } from '../../council/PhotoPicker'
import '../../council/council.scss'
import '../awards.scss'

type Campaign = ActionOutput<'award.campaign.get'>

/** 提名: oneself or a neighbour, with the story of what they did and photos. */
export default function NominatePage() {
  const [campaignId] = useState(() => pageParam('id'))
  const campaign = useQuery('award.campaign.get', { campaignId }, [campaignId], { enabled: !!campaignId })
  if (!campaignId) return <Page id="page-award-nominate"><Empty title="没有找到这次评选" hint="请从评选页面进入。" /></Page>
  return (
    <Page id="page-award-nominate">
      <QueryView query={campaign} rows={5}>
        {(c) =>
          c.me.canNominate ? (
            <NominateForm campaign={c} />
          ) : (
            <Empty id="nominate-why-not" title="现在不能提名" hint={c.me.whyNotNominate ?? undefined} actionText="返回" onAction={goBack} />
          )
        }
      </QueryView>
    </Page>
  )
}

function NominateForm({ campaign }: { campaign: Campaign }) {
  const [who, setWho] = useState<'neighbour' | 'self'>('neighbour')
  const [name, setName] = useState('')
  const [category, setCategory] = useState<string | null>(null)
  const [story, setStory] = useState('')
  const [photos, setPhotos] = useState<PickedPhoto[]>([])
  const [uploading, setUploading] = useState(false)
  const nominate = useAction('award.nominate', {
    onDone: () => replacePage('award', { id: campaign.campaignId }),
    done: '已提名',
  })

  const submit = () => {
    if (who === 'neighbour' && name.trim().length < 2) return toastError({ message: '请填写被推荐邻居的姓名' })
    if (campaign.categories.length > 0 && !category) return toastError({ message: '请选择类别' })
    if (story.trim().length < 20) return toastError({ message: '请写写他的故事，至少 20 个字' })
    if (uploading) return toastError({ message: '照片还在上传，请稍候' })
    void nominate.run({
      campaignId: campaign.campaignId,
      // Naming nobody is a self-nomination (the server takes the caller).
      ...(who === 'self' ? {} : { nomineeName: name.trim() }),
      ...(category ? { category } : {}),
      story: story.trim(),
      photos: photos.map((p) => p.fileID),
    })
  }

  return (
    <>
      <Card title={campaign.title}>
        {campaign.rules.selfNomination && (
          <ChipGroup
            id="nominate-who"
            wide
            options={[
              { value: 'neighbour', label: '推荐邻居', id: 'nominate-neighbour' },
              { value: 'self', label: '自荐', id: 'nominate-self' },
            ]}
            selected={[who]}
            onSelect={(v) => setWho(v as 'neighbour' | 'self')}
          />
        )}
        {who === 'neighbour' ? (
          <View className="cosign__button">
            <TextField id="nominate-name" label="被推荐的邻居" value={name} onChange={setName} maxLength={20} placeholder="姓名，如：陈阿婆" hint="公示时只显示部分姓名（如 陈*婆）。" />
            {campaign.rules.coRecommendations > 0 && (
              <Text className="council-meta">提交后还需要另外 {campaign.rules.coRecommendations} 户邻居联名推荐，才会交给居委会审核。</Text>
            )}
          </View>
        ) : (
          <Text className="council-meta">自荐不需要联名，提交后直接交给居委会审核。</Text>
        )}
      </Card>
      {campaign.categories.length > 0 && (
        <Card title="类别">
          <ChipGroup id="nominate-category" wide options={campaign.categories.map((c, i) => ({ value: c, label: c, id: `nominate-category-${i}` }))} selected={category ? [category] : []} onSelect={setCategory} />
        </Card>
      )}
      <Card title="他的故事">
        <Textarea
          id="nominate-story"
          className="textarea-box award-story-input"
          value={story}
          maxlength={1000}
          placeholder="他做了哪些让邻居感动的事？时间、地点、经过，越具体越好。"
          onInput={(e) => setStory(e.detail.value)}
        />
        <Text className="textarea-count">{story.length}/1000</Text>
        <Text className="field-label cosign__button">照片（可不填，最多 6 张）</Text>
        <PhotoPicker id="nominate-photos" photos={photos} onChange={setPhotos} max={6} folder="awards" onUploading={setUploading} />
      </Card>
      <Text className="council-note">故事和照片会在候选人公示时公开；请不要写邻居的电话、门牌号等隐私。</Text>
      <Button id="nominate-submit" block disabled={nominate.loading || uploading} onClick={submit}>
        {nominate.loading ? '正在提交…' : '提交提名'}
      </Button>
    </>
  )
}
