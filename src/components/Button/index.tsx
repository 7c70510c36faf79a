import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { cx } from '../../utils/classNames'
import './index.scss'

export interface ButtonProps {
  children: ReactNode
  onClick?: () => void
  /** primary: the one main action of a screen; secondary: outlined; text: link-like. */
  variant?: 'primary' | 'secondary' | 'text'
  /** Full width of its container. */
  block?: boolean
  disabled?: boolean
  id?: string
  className?: string
}

// A View rather than Taro's Button: the native button brings its own margins,
// border and font size that differ between WeChat and H5.
export function Button({ children, onClick, variant = 'primary', block, disabled, id, className }: ButtonProps) {
  return (
    <View
      id={id}
      className={cx('btn', `btn--${variant}`, block && 'btn--block', disabled && 'is-disabled', className)}
      hoverClass={disabled ? 'none' : 'is-pressed'}
      role="button"
      aria-disabled={disabled}
      onClick={disabled ? undefined : onClick}
    >
      {children}
    </View>
  )
}
