import { Text, View } from '@tarojs/components'
import { cx } from '../../utils/classNames'
import './index.scss'

export interface ToggleProps {
  label: string
  hint?: string
  checked: boolean
  onChange: (checked: boolean) => void
  /** The whole row is the switch; `is-on` on it tells tests (and CSS) the state. */
  id?: string
}

// Our own switch rather than Taro's <Switch>: the whole row is one large target,
// which matters most to the people who turn 长辈模式 on.
export function Toggle({ label, hint, checked, onChange, id }: ToggleProps) {
  return (
    <View
      id={id}
      className={cx('toggle', checked && 'is-on')}
      role="switch"
      aria-checked={checked}
      onClick={() => onChange(!checked)}
    >
      <View className="toggle__body">
        <Text className="toggle__label">{label}</Text>
        {hint && <Text className="toggle__hint">{hint}</Text>}
      </View>
      <View className="toggle__track">
        <View className="toggle__knob" />
      </View>
    </View>
  )
}
