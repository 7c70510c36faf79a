import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { cx } from '../../utils/classNames'
import './index.scss'

export interface ModalProps {
  visible: boolean
  title?: string
  children?: ReactNode
  /** The buttons, side by side at the bottom. */
  footer?: ReactNode
  /** center: a dialog; bottom: a sheet rising from the bottom (long lists). */
  placement?: 'center' | 'bottom'
  /** Tapping the mask closes; leave it out where a stray tap must not lose input. */
  onClose?: () => void
  id?: string
}

// Our own dialog rather than Taro.showModal where the person types or picks
// something: H5's showModal has no input, and WeChat's only a one-line one. Render
// it inside <Page> so it inherits the theme tokens and 长辈模式.
export function Modal({ visible, title, children, footer, placement = 'center', onClose, id }: ModalProps) {
  if (!visible) return null
  return (
    <View id={id} className={cx('modal', `modal--${placement}`)} catchMove>
      <View className="modal__mask" onClick={onClose} />
      <View className="modal__panel" role="dialog" aria-modal="true">
        {title && <Text className="modal__title">{title}</Text>}
        <View className="modal__body">{children}</View>
        {footer && <View className="modal__footer">{footer}</View>}
      </View>
    </View>
  )
}
