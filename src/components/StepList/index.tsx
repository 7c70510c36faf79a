import { Text, View } from '@tarojs/components'
import './index.scss'

export interface Step {
  name: string
  desc: string
}

export interface StepListProps {
  steps: Step[]
  id?: string
}

/** Numbered steps of a process, e.g. 五邻工作法. */
export function StepList({ steps, id }: StepListProps) {
  return (
    <View id={id} className="step-list">
      {steps.map((step, index) => (
        <View key={step.name} className="step-list__item">
          <Text className="step-list__no">{index + 1}</Text>
          <View className="step-list__body">
            <Text className="step-list__name">{step.name}</Text>
            <Text className="step-list__desc">{step.desc}</Text>
          </View>
        </View>
      ))}
    </View>
  )
}
