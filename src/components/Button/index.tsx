import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { cx } from '../../utils/classNames'
import './index.scss'

export interface ButtonProps {
  children: ReactNode
  onClick?: () => void
  /** primary: the one main action of a screen; secondary: outlined; danger: destroys something; text: link-like. */
  variant?: 'primary' | 'secondary' | 'danger' | 'text'
  /** compact: a row's own action (less padding, same touch height). */
  size?: 'normal' | 'compact'
  /** Full width of its container. */
  block?: boolean
  disabled?: boolean
  id?: string
  className?: string
}

// A View rather than Taro's Button: the native button brings its own margins,
// border and font size that differ between WeChat and H5.
export function Button({ children, onClick, variant = 'primary', size = 'normal', block, disabled, id, className }: ButtonProps) {
  return (
    <View
      id={id}
      className={cx('btn', `btn--${variant}`, size === 'compact' && 'btn--compact', block && 'btn--block', disabled && 'is-disabled', className)}
      hoverClass={disabled ? 'none' : 'is-pressed'}
      role="button"
      aria-disabled={disabled}
      onClick={disabled ? undefined : onClick}
    >
      {children}
    </View>
  )
}
