import { Picker, Text, View } from '@tarojs/components'
import dayjs from 'dayjs'
import './activities.scss'

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

export interface DateTimeFieldProps {
  /** `${id}-date` and `${id}-time` are the two boxes that open WeChat's pickers. */
  id: string
  label: string
  /** The phone's local time, `YYYY-MM-DDTHH:mm` (China time for the people using it). */
  value: string
  onChange: (value: string) => void
  /** The earliest day the date picker offers, `YYYY-MM-DD`. */
  start?: string
  hint?: string
}

/**
 * A day and a time of day, each chosen with WeChat's own picker (a wheel, large and
 * familiar to older residents), shown as residents write them: 12月5日 周六 · 09:30.
 */
export function DateTimeField({ id, label, value, onChange, start, hint }: DateTimeFieldProps) {
  const at = dayjs(value)
  const day = at.format('YYYY-MM-DD')
  const time = at.format('HH:mm')
  return (
    <View id={id} className="activity-field">
      <Text className="activity-field__label">{label}</Text>
      <View className="datetime">
        <Picker mode="date" value={day} start={start} onChange={(e) => onChange(`${e.detail.value}T${time}`)}>
          <View id={`${id}-date`} className="datetime__box datetime__box--day" role="button" aria-label={`${label}：日期 ${at.format('M月D日')}`} hoverClass="is-pressed">
            <Text>{`${at.format('M月D日')} ${WEEKDAYS[at.day()]}`}</Text>
          </View>
        </Picker>
        <Picker mode="time" value={time} onChange={(e) => onChange(`${day}T${e.detail.value}`)}>
          <View id={`${id}-time`} className="datetime__box" role="button" aria-label={`${label}：时间 ${time}`} hoverClass="is-pressed">
            <Text>{time}</Text>
          </View>
        </Picker>
      </View>
      {hint && <Text className="activity-field__hint">{hint}</Text>}
    </View>
  )
}
