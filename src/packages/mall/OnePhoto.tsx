import { Image, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { uploadImage, type UploadFolder } from '../../api/upload'
import { toastError } from '../../utils/feedback'
import { chooseOnePhoto } from '../../utils/media'
import './mall.scss'

export interface OnePhotoProps {
  /** the uploaded file, or null */
  fileID: string | null
  onChange: (fileID: string | null, preview: string | null) => void
  preview: string | null
  folder: UploadFolder
  onUploading?: (busy: boolean) => void
  id?: string
  label?: string
}

/** One picture, chosen and uploaded at once (actions carry fileIDs, never bytes); tap again to change it. */
export function OnePhoto({ fileID, preview, onChange, folder, onUploading, id, label = '添加照片' }: OnePhotoProps) {
  const [busy, setBusy] = useState(false)
  const pick = async () => {
    try {
      const path = await chooseOnePhoto()
      if (!path) return
      setBusy(true)
      onUploading?.(true)
      onChange(await uploadImage(path, folder), path)
    } catch (error) {
      toastError(error)
    } finally {
      setBusy(false)
      onUploading?.(false)
    }
  }
  return (
    <View id={id} className="mall-photo photo-add" hoverClass="is-pressed" role="button" aria-label={fileID ? '更换照片' : label} onClick={() => void pick()}>
      {fileID && preview ? (
        <Image className="mall-photo__image photo-thumb" src={preview} mode="aspectFill" />
      ) : (
        <View className="mall-photo__add">
          <Text>{busy ? '上传中…' : `+ ${label}`}</Text>
        </View>
      )}
    </View>
  )
}
