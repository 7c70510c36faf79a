import { Text, View } from '@tarojs/components'
import { cx } from '../../utils/classNames'
import './index.scss'

export type TileTone = 'green' | 'blue' | 'orange' | 'red' | 'purple'

export interface AreaTileProps {
  title: string
  /** One character standing in for an icon: 议, 活, 邻 … */
  glyph: string
  tone?: TileTone
  onClick: () => void
  id?: string
}

/** A shortcut on 首页 into one area. */
export function AreaTile({ title, glyph, tone = 'green', onClick, id }: AreaTileProps) {
  return (
    <View id={id} className="area-tile" hoverClass="is-pressed" onClick={onClick}>
      <View className={cx('area-tile__glyph', `area-tile__glyph--${tone}`)}>
        <Text>{glyph}</Text>
      </View>
      <Text className="area-tile__title">{title}</Text>
    </View>
  )
}
