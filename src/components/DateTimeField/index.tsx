import { Picker, Text, View } from '@tarojs/components'
import { cx } from '../../utils/classNames'
import { fromChina, inChina } from '../../utils/date'
import './index.scss'

export interface DateTimeFieldProps {
  /** Hook for tests: the date picker is `#id-date`, the time picker `#id-time`. */
  id: string
  label: string
  /** An instant (ISO); shown and picked in China time, whatever the phone's zone. */
  value: string
  onChange: (iso: string) => void
  /** Earliest day offered (ISO instant). */
  min?: string
  /** Under the fields: what the time means for the people it concerns. */
  hint?: string
  /** Only the day is chosen; the time stays as it is (e.g. the end of a day). */
  dateOnly?: boolean
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

/** 2026年12月1日 周二 */
function dayLabel(day: string): string {
  const d = fromChina(day)
  return `${d.format('YYYY年M月D日')} ${WEEKDAYS[d.day()]}`
}

/**
 * A moment picked with WeChat's own date and time wheels (Taro's Picker), side by
 * side as two large fields: the day with its weekday, then the time.
 */
export function DateTimeField({ id, label, value, onChange, min, hint, dateOnly }: DateTimeFieldProps) {
  const at = inChina(value)
  const [day, time] = [at.format('YYYY-MM-DD'), at.format('HH:mm')]
  const start = min ? inChina(min).format('YYYY-MM-DD') : undefined
  const pick = (d: string, t: string) => onChange(fromChina(d, t).format())
  return (
    <View className="datetime-field">
      <Text className="datetime-field__label">{label}</Text>
      <View className="datetime-field__row">
        <Picker mode="date" value={day} start={start} onChange={(e) => pick(String(e.detail.value), time)}>
          <View id={`${id}-date`} className={cx('datetime-field__box', 'datetime-field__box--day')} role="button" aria-label={`${label}：日期`} hoverClass="is-pressed">
            <Text className="datetime-field__value">{dayLabel(day)}</Text>
          </View>
        </Picker>
        {!dateOnly && (
          <Picker mode="time" value={time} onChange={(e) => pick(day, String(e.detail.value))}>
            <View id={`${id}-time`} className="datetime-field__box" role="button" aria-label={`${label}：时间`} hoverClass="is-pressed">
              <Text className="datetime-field__value">{time}</Text>
            </View>
          </Picker>
        )}
      </View>
      {hint && <Text className="datetime-field__hint">{hint}</Text>}
    </View>
  )
}
