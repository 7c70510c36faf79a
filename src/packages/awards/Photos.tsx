import { Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { fileUrl } from '../../api/fileUrl'
import '../council/council.scss'

/** A nomination's published photos, three across; tap to view large. */
export function Photos({ photos, id }: { photos: string[]; id?: string }) {
  if (photos.length === 0) return null
  const urls = photos.map(fileUrl)
  return (
    <View id={id} className="photo-grid">
      {urls.map((url) => (
        <View key={url} className="photo-grid__cell">
          <Image className="photo-grid__image" src={url} mode="aspectFill" lazyLoad onClick={() => void Taro.previewImage({ urls, current: url })} />
        </View>
      ))}
    </View>
  )
}
