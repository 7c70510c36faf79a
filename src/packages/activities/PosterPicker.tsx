import { Image, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { fileUrl } from '../../api/fileUrl'
import { uploadImage } from '../../api/upload'
import { Button } from '../../components'
import { toastError } from '../../utils/feedback'
import { chooseOnePhoto } from '../../utils/media'
import './activities.scss'

export interface PosterPickerProps {
  /** the stored poster (a fileID), or null */
  value: string | null
  onChange: (fileID: string | null) => void
  /** tells the form an upload is under way, so it waits before sending */
  onUploading: (busy: boolean) => void
}

/**
 * The poster: one picture chosen from the album or camera and uploaded at once to
 * the organiser's own place in storage (the action carries its fileID). It shows
 * to residents once WeChat's image check passes it.
 */
export function PosterPicker({ value, onChange, onUploading }: PosterPickerProps) {
  // What the thumbnail shows: the picture just chosen, or the stored one.
  const [preview, setPreview] = useState<string | null>(value ? fileUrl(value) : null)
  const [busy, setBusy] = useState(false)

  const choose = async () => {
    let path: string | null
    try {
      path = await chooseOnePhoto()
    } catch (error) {
      return toastError(error)
    }
    if (!path) return
    setBusy(true)
    onUploading(true)
    try {
      onChange(await uploadImage(path, 'activities'))
      setPreview(path)
    } catch (error) {
      toastError(error)
    } finally {
      setBusy(false)
      onUploading(false)
    }
  }

  return (
    <View id="activity-form-poster" className="poster-picker">
      {preview && value ? (
        <Image id="activity-form-poster-image" className="poster-picker__image" src={preview} mode="aspectFill" />
      ) : (
        <View className="poster-picker__empty">
          <Text>{busy ? '上传中…' : '还没有海报'}</Text>
        </View>
      )}
      <View className="poster-picker__actions">
        <Button id="activity-form-poster-choose" variant="secondary" disabled={busy} onClick={() => void choose()}>
          {busy ? '上传中…' : value ? '换一张' : '选择海报'}
        </Button>
        {value && !busy && (
          <Button
            id="activity-form-poster-remove"
            variant="text"
            onClick={() => {
              onChange(null)
              setPreview(null)
            }}
          >
            不用海报
          </Button>
        )}
      </View>
      <Text className="activity-field__hint">横图效果最好。图片经微信安全检测通过后才会展示给居民。</Text>
    </View>
  )
}
