import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Button, ChipGroup, TextField } from '../../components'
import { answerProblem, answersOf, type Answers } from './form'
import type { ActivityDetail } from './types'
import './activities.scss'

export interface SignupFormProps {
  activity: ActivityDetail
  /** the button's words: 报名 / 候补报名 / 代为报名 */
  submitText: string
  busy: boolean
  onSubmit: (input: { companions: number; answers: Answers }) => void
  /** ids are prefixed with it: `signup` for oneself, `proxy` for a building lead's 代报名 */
  idPrefix?: string
}

/**
 * The activity's own questions (a phone for a trip, a child's age) and how many
 * come along (同行人数, each taking a seat), then one button.
 */
export function SignupForm({ activity, submitText, busy, onSubmit, idPrefix = 'signup' }: SignupFormProps) {
  const [raw, setRaw] = useState<Record<string, string>>({})
  const [companions, setCompanions] = useState(0)
  const [problem, setProblem] = useState<string | null>(null)
  const set = (fieldId: string) => (value: string) => {
    setRaw((r) => ({ ...r, [fieldId]: value }))
    setProblem(null)
  }

  const submit = () => {
    for (const field of activity.fields) {
      const found = answerProblem(field, raw[field.id] ?? '')
      if (found) return setProblem(found)
    }
    onSubmit({ companions, answers: answersOf(activity.fields, raw) })
  }

  const companionOptions = Array.from({ length: activity.maxCompanions + 1 }, (_, n) => ({ value: String(n), label: n === 0 ? '只有我' : `${n} 人`, id: `${idPrefix}-companions-${n}` }))

  return (
    <View id={`${idPrefix}-form`} className="signup-form">
      {activity.fields.map((field) =>
        field.type === 'choice' ? (
          <View key={field.id} className="activity-field">
            <Text className="activity-field__label">
              {field.label}
              {field.required ? '' : '（可不填）'}
            </Text>
            <ChipGroup
              id={`${idPrefix}-field-${field.id}`}
              wide
              options={(field.options ?? []).map((o, i) => ({ value: o, label: o, id: `${idPrefix}-field-${field.id}-${i}` }))}
              selected={raw[field.id] ? [raw[field.id]] : []}
              onSelect={set(field.id)}
            />
          </View>
        ) : (
          <TextField
            key={field.id}
            id={`${idPrefix}-field-${field.id}`}
            label={field.required ? field.label : `${field.label}（可不填）`}
            type={field.type === 'text' ? 'text' : 'number'}
            maxLength={field.type === 'phone' ? 11 : field.type === 'number' ? 6 : 100}
            value={raw[field.id] ?? ''}
            onChange={set(field.id)}
            hint={field.type === 'phone' ? '只给组织者看，用于活动当天联系' : undefined}
          />
        ),
      )}
      {activity.maxCompanions > 0 && (
        <View className="activity-field">
          <Text className="activity-field__label">同行人数（不含自己）</Text>
          <ChipGroup id={`${idPrefix}-companions`} options={companionOptions} selected={[String(companions)]} onSelect={(v) => setCompanions(Number(v))} />
          <Text className="activity-field__hint">每位同行人占一个名额，最多 {activity.maxCompanions} 人。</Text>
        </View>
      )}
      {problem && (
        <Text id={`${idPrefix}-problem`} className="activity-problem">
          {problem}
        </Text>
      )}
      <Button id={`${idPrefix}-submit`} block disabled={busy} onClick={submit}>
        {busy ? '请稍候…' : submitText}
      </Button>
    </View>
  )
}
