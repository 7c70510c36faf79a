import { Picker, Text, View } from '@tarojs/components'
import { cx } from '../../utils/classNames'
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

const CHINA_OFFSET_MS = 8 * 3_600_000
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

/** The China calendar day and clock time of an instant: ['2026-12-01', '19:30']. */
export function chinaParts(iso: string): [day: string, time: string] {
  const shifted = new Date(new Date(iso).getTime() + CHINA_OFFSET_MS).toISOString()
  return [shifted.slice(0, 10), shifted.slice(11, 16)]
}

/** The instant of a China day and time, as ISO with China's offset (what the server is sent). */
export function chinaInstant(day: string, time: string): string {
  return `${day}T${time}:00+08:00`
}

function dayLabel(day: string): string {
  const d = new Date(`${day}T00:00:00Z`)
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${WEEKDAYS[d.getUTCDay()]}`
}

/**
 * A moment picked with WeChat's own date and time wheels (Taro's Picker), side by
 * side as two large fields: the day with its weekday, then the time.
 */
export function DateTimeField({ id, label, value, onChange, min, hint, dateOnly }: DateTimeFieldProps) {
  const [day, time] = chinaParts(value)
  const start = min ? chinaParts(min)[0] : undefined
  return (
    <View className="datetime-field">
      <Text className="datetime-field__label">{label}</Text>
      <View className="datetime-field__row">
        <Picker mode="date" value={day} start={start} onChange={(e) => onChange(chinaInstant(String(e.detail.value), time))}>
          <View id={`${id}-date`} className={cx('datetime-field__box', 'datetime-field__box--day')} role="button" aria-label={`${label}：日期`} hoverClass="is-pressed">
            <Text className="datetime-field__value">{dayLabel(day)}</Text>
          </View>
        </Picker>
        {!dateOnly && (
          <Picker mode="time" value={time} onChange={(e) => onChange(chinaInstant(day, String(e.detail.value)))}>
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
