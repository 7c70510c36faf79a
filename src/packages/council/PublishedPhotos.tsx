import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { fileUrl } from '../../api/fileUrl'
import { PromptModal } from '../../components'
import { useAction } from '../../hooks'
import './council.scss'

export interface PublishedPhotosProps {
  photos: string[]
  /** where they are published: a matter or a task's progress line */
  place: 'issue' | 'taskUpdate'
  docId: string
  /** the committee may take one down (e.g. one WeChat's image check flagged for review) */
  committee: boolean
  onRemoved: () => Promise<void>
  id?: string
}

/** Published photos: tap to view large; the committee gets 撤下 under each, with a reason the poster is told. */
export function PublishedPhotos({ photos, place, docId, committee, onRemoved, id }: PublishedPhotosProps) {
  const [removing, setRemoving] = useState<string | null>(null)
  const remove = useAction('council.photo.remove', { onDone: () => setRemoving(null), done: '已撤下', refresh: onRemoved })
  if (photos.length === 0) return null
  const urls = photos.map(fileUrl)
  return (
    <>
      <View className="photo-grid" id={id}>
        {photos.map((photo, index) => (
          <View key={photo} className="photo-grid__cell photo-published">
            <Image className="photo-grid__image" src={urls[index]} mode="aspectFill" lazyLoad onClick={() => void Taro.previewImage({ urls, current: urls[index] })} />
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
