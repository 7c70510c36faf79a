import { Input, Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { cx } from '../../utils/classNames'
import './index.scss'

export interface TextFieldProps {
  /** Put on the input itself (in H5 the native <input> is inside it: `#id input`). */
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  placeholder?: string
  /** number: whole numbers; digit: with a decimal point; nickname: WeChat offers the WeChat nickname. */
  type?: 'text' | 'number' | 'digit' | 'nickname'
  maxLength?: number
  /** Under the input: why it is asked, what is allowed. */
  hint?: ReactNode
  /** Right of the input, e.g. a unit (小时, %). */
  suffix?: string
  disabled?: boolean
  onConfirm?: () => void
  className?: string
}

/** A labelled input: label above, the box, then a hint. */
export function TextField({
  id,
  label,
  value,
  onChange,
  placeholder,
  type = 'text',
  maxLength = 140,
  hint,
  suffix,
  disabled,
  onConfirm,
  className,
}: TextFieldProps) {
  // WeChat's nickname keyboard exists only in the mini-program.
  const inputType = type === 'nickname' && process.env.TARO_ENV !== 'weapp' ? 'text' : type
  return (
    <View className={cx('text-field', className)}>
      <Text className="text-field__label">{label}</Text>
      <View className="text-field__box">
        <Input
          id={id}
          className="text-field__input"
          type={inputType as 'text'}
          value={value}
          placeholder={placeholder}
          placeholderClass="text-field__placeholder"
          maxlength={maxLength}
          disabled={disabled}
          onInput={(e) => onChange(e.detail.value)}
          // WeChat's nickname keyboard fills the field without an input event.
          onBlur={type === 'nickname' ? (e) => onChange(e.detail.value) : undefined}
          onConfirm={onConfirm}
          // H5: the label above is a separate element; name the native <input> after it
          // for screen readers (WeChat's own Input has no such attribute).
          nativeProps={{ 'aria-label': label }}
        />
        {suffix && <Text className="text-field__suffix">{suffix}</Text>}
      </View>
      {hint && <View className="text-field__hint">{hint}</View>}
    </View>
  )
}
