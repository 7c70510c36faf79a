import { Image, Text, View } from '@tarojs/components'
import { fileUrl } from '../../api/fileUrl'
import { cx } from '../../utils/classNames'
import './index.scss'

export interface AvatarProps {
  /** A stored fileID (cloud://…) or a photo just chosen; the name's first character stands in when empty. */
  src?: string | null
  name: string
  size?: 'sm' | 'md' | 'lg'
  id?: string
  className?: string
}

export function Avatar({ src, name, size = 'md', id, className }: AvatarProps) {
  const classes = cx('avatar', `avatar--${size}`, className)
  if (src) return <Image id={id} className={classes} src={fileUrl(src)} mode="aspectFill" />
  return (
    <View id={id} className={cx(classes, 'avatar--text')}>
      <Text>{[...(name.trim() || '邻')][0]}</Text>
    </View>
  )
}
