import { Text, View } from '@tarojs/components'
import { Button, ChipGroup, TextField, Toggle } from '../../components'
import { MAX_FIELDS, type FieldDraft } from './form'
import './activities.scss'

const TYPES = [
  { value: 'text', label: '文字' },
  { value: 'number', label: '数字' },
  { value: 'phone', label: '手机号' },
  { value: 'choice', label: '单选' },
]

export interface FieldsEditorProps {
  fields: FieldDraft[]
  onChange: (fields: FieldDraft[]) => void
}

/**
 * The activity's own questions for those signing up (a phone for a trip, a
 * child's age): each a name, a kind, whether it must be answered and, for a
 * choice, its options. Names only what the activity needs: less asked, less kept.
 */
export function FieldsEditor({ fields, onChange }: FieldsEditorProps) {
  const change = (index: number, patch: Partial<FieldDraft>) => onChange(fields.map((f, i) => (i === index ? { ...f, ...patch } : f)))
  return (
    <View id="activity-form-fields">
      {fields.length === 0 && <Text className="activity-note">不需要额外信息就不用添加。报名人的昵称和住户已经知道。</Text>}
      {fields.map((field, index) => (
        <View key={index} id={`activity-field-${index}`} className="field-draft">
          <TextField id={`activity-field-${index}-label`} label={`栏目 ${index + 1} 名称`} value={field.label} onChange={(label) => change(index, { label })} maxLength={20} placeholder="如：孩子年龄、联系电话" />
          <ChipGroup
            id={`activity-field-${index}-type`}
            options={TYPES.map((t) => ({ ...t, id: `activity-field-${index}-type-${t.value}` }))}
            selected={[field.type]}
            onSelect={(type) => change(index, { type: type as FieldDraft['type'] })}
          />
          {field.type === 'choice' && (
            <TextField
              id={`activity-field-${index}-options`}
              className="activity-gap"
              label="选项"
              value={field.options}
              onChange={(options) => change(index, { options })}
              maxLength={200}
              placeholder="用顿号隔开，如：大巴、自驾"
            />
          )}
          <Toggle id={`activity-field-${index}-required`} label="必填" checked={field.required} onChange={(required) => change(index, { required })} />
          <Button id={`activity-field-${index}-remove`} variant="text" size="compact" onClick={() => onChange(fields.filter((_, i) => i !== index))}>
            删除这个栏目
          </Button>
        </View>
      ))}
      {fields.length < MAX_FIELDS && (
        <Button id="activity-field-add" block variant="secondary" className="activity-gap" onClick={() => onChange([...fields, { label: '', type: 'text', required: true, options: '' }])}>
          添加报名栏目
        </Button>
      )}
    </View>
  )
}
