import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { fileUrl } from '../../api/fileUrl'
import { PromptModal } from '../../components'
import { useAction } from '../../hooks'
import './council.scss'

/** A photo not yet public: 检测中 for its author while WeChat checks it, 待复核 while the committee decides. */
export interface PendingPhoto {
  fileId: string
  state: 'checking' | 'review'
}

const PENDING_LABELS: Record<PendingPhoto['state'], string> = { checking: '检测中', review: '待复核' }

export interface PublishedPhotosProps {
  /** what this reader may see, as the server decided (platform/media.ts photosFor) */
  photos: string[]
  /** those among `photos` others do not see yet */
  pending?: PendingPhoto[]
  /** where they are published: a matter or a task's progress line */
  place: 'issue' | 'taskUpdate'
  docId: string
  /** the committee may take one down (e.g. one WeChat's image check flagged for review) or let a 待复核 one through */
  committee: boolean
  onRemoved: () => Promise<void>
  id?: string
}

/**
 * Posted photos: tap to view large. One not public yet carries its state (检测中 for the
 * author, 待复核 for the committee); the committee gets 撤下 under each, with a reason
 * the poster is told, and 放行 on a photo held for review.
 */
export function PublishedPhotos({ photos, pending = [], place, docId, committee, onRemoved, id }: PublishedPhotosProps) {
  const [removing, setRemoving] = useState<string | null>(null)
  const remove = useAction('council.photo.remove', { onDone: () => setRemoving(null), done: '已撤下', refresh: onRemoved })
  const approve = useAction('council.photo.approve', { done: '已放行', refresh: onRemoved })
  if (photos.length === 0) return null
  const urls = photos.map(fileUrl)
  const stateOf = new Map(pending.map((p) => [p.fileId, p.state]))
  return (
    <>
      <View className="photo-grid" id={id}>
        {photos.map((photo, index) => (
          <View key={photo} className="photo-grid__cell photo-published">
            <Image className="photo-grid__image" src={urls[index]} mode="aspectFill" lazyLoad onClick={() => void Taro.previewImage({ urls, current: urls[index] })} />
            {stateOf.has(photo) && (
              <View className="photo-published__state">
                <Text>{PENDING_LABELS[stateOf.get(photo)!]}</Text>
              </View>
            )}
            {committee && stateOf.get(photo) === 'review' && (
              <View className="photo-published__approve" role="button" aria-label="放行这张照片" onClick={() => void approve.run({ place, id: docId, fileId: photo })}>
                <Text>放行</Text>
              </View>
            )}
            {committee && (
              <View className="photo-published__remove" role="button" aria-label="撤下这张照片" onClick={() => setRemoving(photo)}>
                <Text>撤下</Text>
              </View>
            )}
          </View>
        ))}
      </View>
      <PromptModal
        visible={removing !== null}
        title="撤下这张照片"
        message="照片会从页面和存储中删除，发布人会收到通知和你写的原因。"
        placeholder="如：照片里有邻居家的门牌号"
        confirmText="撤下"
        danger
        maxLength={200}
        busy={remove.loading}
        validate={(value) => (value.length < 2 ? '请写明原因' : null)}
        onConfirm={(reason) => removing && void remove.run({ place, id: docId, fileId: removing, reason })}
        onCancel={() => setRemoving(null)}
      />
    </>
  )
}
