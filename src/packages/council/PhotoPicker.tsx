import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { uploadImage, type UploadFolder } from '../../api/upload'
import { toastError } from '../../utils/feedback'
import { choosePhotos } from '../../utils/media'
import './council.scss'

export interface PickedPhoto {
  /** What the thumbnail shows: the temp path just chosen. */
  path: string
  /** The stored file, once uploaded. */
  fileID: string
}

export interface PhotoPickerProps {
  photos: PickedPhoto[]
  onChange: (photos: PickedPhoto[]) => void
  max?: number
  folder: UploadFolder
  /** Tells the form a photo is still on its way, so it waits before submitting. */
  onUploading?: (busy: boolean) => void
  id?: string
}

/**
 * Photos chosen and uploaded at once (actions carry fileIDs, never bytes), shown
 * as thumbnails with × to remove; `.photo-add` adds more up to `max`.
 */
export function PhotoPicker({ photos, onChange, max = 9, folder, onUploading, id }: PhotoPickerProps) {
  const [uploading, setUploading] = useState(0)

  const add = async () => {
    let paths: string[]
    try {
      paths = await choosePhotos(max - photos.length - uploading)
    } catch (error) {
      return toastError(error)
    }
    if (paths.length === 0) return
    setUploading((n) => n + paths.length)
    onUploading?.(true)
    const done: PickedPhoto[] = []
    for (const path of paths) {
      try {
        done.push({ path, fileID: await uploadImage(path, folder) })
      } catch (error) {
        toastError(error)
      }
    }
    setUploading(0)
    onUploading?.(false)
    onChange([...photos, ...done].slice(0, max))
  }

  const remove = (index: number) => onChange(photos.filter((_, i) => i !== index))
  const preview = (index: number) => void Taro.previewImage({ urls: photos.map((p) => p.path), current: photos[index].path })

  return (
    <View id={id} className="photo-grid">
      {photos.map((photo, index) => (
        <View key={photo.fileID} className="photo-grid__cell photo-thumb">
          <Image className="photo-grid__image" src={photo.path} mode="aspectFill" onClick={() => preview(index)} />
          <View className="photo-grid__remove photo-remove" role="button" aria-label="删除这张照片" onClick={() => remove(index)}>
            <Text>×</Text>
          </View>
        </View>
      ))}
      {uploading > 0 && (
        <View className="photo-grid__cell">
          <View className="photo-grid__add">
            <Text>上传中…</Text>
          </View>
        </View>
      )}
      {photos.length + uploading < max && (
        <View className="photo-grid__cell photo-add" hoverClass="is-pressed" onClick={() => void add()}>
          <View className="photo-grid__add">
            <Text className="photo-grid__plus">+</Text>
            <Text>{photos.length === 0 ? '添加照片' : `${photos.length}/${max}`}</Text>
          </View>
        </View>
      )}
    </View>
  )
}
