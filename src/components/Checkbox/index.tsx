import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { cx } from '../../utils/classNames'
import './index.scss'

export interface CheckboxProps {
  checked: boolean
  onChange: (checked: boolean) => void
  children: ReactNode
  /** The whole row toggles; `is-checked` on it tells tests (and CSS) the state. */
  id?: string
}

// Our own box: the whole sentence is the target, the same in WeChat and H5.
export function Checkbox({ checked, onChange, children, id }: CheckboxProps) {
  return (
    <View
      id={id}
      className={cx('checkbox', checked && 'is-checked')}
      role="checkbox"
      aria-checked={checked}
      onClick={() => onChange(!checked)}
    >
      <View className="checkbox__box">{checked && <Text className="checkbox__tick">✓</Text>}</View>
      <View className="checkbox__label">{children}</View>
    </View>
  )
}
