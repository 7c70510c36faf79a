import { Image, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { fileUrl } from '../../../api/fileUrl'
import { uploadImage } from '../../../api/upload'
import { Button, Card, Empty, Page, QueryView, Toggle } from '../../../components'
import { useAction, useQuery } from '../../../hooks'
import { goBack, pageParam } from '../../../routes'
import { toastError } from '../../../utils/feedback'
import { choosePhotos } from '../../../utils/media'
import type { ActivityDetail } from '../types'
import { Count } from '../Count'
import '../activities.scss'

const MAX_PHOTOS = 9

/**
 * After the activity: how many came and how many did not (counted by the server),
 * a few lines and photos, which can go on the 公示栏 as a notice.
 */
export default function ActivitySummaryPage() {
  // Read once at mount, while this page is the current one.
  const [activityId] = useState(() => pageParam('id'))
  const activity = useQuery('activity.get', { activityId }, [activityId], { enabled: !!activityId })
  return (
    <Page id="page-activity-summary">
      <QueryView query={activity} rows={5}>
        {(a) =>
          !a.isOrganiser ? (
            <Empty id="activity-summary-forbidden" title="只有活动的组织者可以写小结" actionText="返回" onAction={goBack} />
          ) : a.phase !== 'ongoing' && a.phase !== 'ended' ? (
            <Empty id="activity-summary-early" title="活动开始后才能写小结" hint="到场人数和未到场人数会按签到自动统计。" actionText="返回" onAction={goBack} />
          ) : (
            <SummaryForm activity={a} />
          )
        }
      </QueryView>
    </Page>
  )
}

function SummaryForm({ activity: a }: { activity: ActivityDetail }) {
  const attendance = useQuery('activity.attendance', { activityId: a.id }, [a.id])
  const save = useAction('activity.summary', { onDone: goBack, done: (res) => (res.noticeId && publish ? '已发布公告' : '已保存') })
  const [text, setText] = useState(a.summary?.text ?? '')
  const [photos, setPhotos] = useState<string[]>(a.photos)
  const [uploading, setUploading] = useState(false)
  const [publish, setPublish] = useState(!a.summary?.noticeId)

  const addPhotos = async () => {
    let paths: string[]
    try {
      paths = await choosePhotos(MAX_PHOTOS - photos.length)
    } catch (error) {
      return toastError(error)
    }
    if (paths.length === 0) return
    setUploading(true)
    const added: string[] = []
    for (const path of paths) {
      try {
        added.push(await uploadImage(path, 'activities'))
      } catch (error) {
        toastError(error)
      }
    }
    setUploading(false)
    setPhotos((list) => [...list, ...added].slice(0, MAX_PHOTOS))
  }

  const submit = () => {
    if (text.trim().length < 5) return toastError({ message: '小结至少 5 个字' })
    if (uploading) return toastError({ message: '照片还在上传，请稍候' })
    void save.run({ activityId: a.id, text: text.trim(), photos, publish })
  }

  return (
    <>
      <Card title={a.title}>
        <QueryView query={attendance} rows={1}>
          {(counts) => (
            <View id="summary-counts" className="activity-counts">
              <Count label="报名（组）" value={counts.registered} />
              <Count label="到场签到" value={counts.attended} />
              <Count label="未到场" value={counts.noShows} />
            </View>
          )}
        </QueryView>
        <Text className="activity-note">未到场：报名成功、没有签到、也没有在可以取消时取消的。</Text>
      </Card>

      <Card title="小结">
        <Textarea id="summary-text" className="activity-textarea" value={text} maxlength={1000} placeholder="活动做了什么、大家的反馈、感谢谁" onInput={(e) => setText(e.detail.value)} />
        <Text className="activity-count">{text.length}/1000</Text>
      </Card>

      <Card title={`照片（${photos.length}/${MAX_PHOTOS}）`}>
        <View id="summary-photos" className="activity-photos">
          {photos.map((photo) => (
            <View key={photo} className="summary-photo">
              <Image className="activity-photos__image" src={fileUrl(photo)} mode="aspectFill" />
              <View className="summary-photo__remove" role="button" aria-label="删除这张照片" onClick={() => setPhotos((list) => list.filter((p) => p !== photo))}>
                <Text>删除</Text>
              </View>
            </View>
          ))}
        </View>
        {photos.length < MAX_PHOTOS && (
          <Button id="summary-photo-add" block variant="secondary" className="activity-gap" disabled={uploading} onClick={() => void addPhotos()}>
            {uploading ? '上传中…' : '添加照片'}
          </Button>
        )}
        <Text className="activity-note">照片经微信安全检测通过后才会展示；请避免拍到邻居的门牌和正脸特写。</Text>
      </Card>

      <Card>
        <Toggle id="summary-publish" label="同时发布到公示栏" hint={a.summary?.noticeId ? '已经发布过；再次发布会更新同一条公告' : '全体居民在公示栏和首页都能看到'} checked={publish} onChange={setPublish} />
      </Card>

      <Button id="summary-submit" block disabled={save.loading || uploading} onClick={submit}>
        {save.loading ? '正在保存…' : publish ? '保存并发布' : '保存小结'}
      </Button>
    </>
  )
}
