import { Picker, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { now } from '../../api/clock'
import { Card, ExportButton } from '../../components'
import { inChina } from '../../utils/date'

/** 导出月报: one month's figures as a workbook, a sheet per area (the 街道's holds each of its communities). */
export function MonthlyReport() {
  const thisMonth = inChina(now()).format('YYYY-MM')
  const [month, setMonth] = useState(thisMonth)
  return (
    <Card id="stats-report" title="月报" className="stats-report">
      <Text className="stats-note">一个月的各项数字，每个方面一张表，附上月对照，可转发给街道。</Text>
      <View className="stats-custom">
        <Picker id="report-month" mode="date" fields="month" value={month} end={thisMonth} onChange={(e) => setMonth(String(e.detail.value).slice(0, 7))}>
          <View className="stats-day">
            <Text className="stats-day__label">月份</Text>
            <Text className="stats-day__value">{month}</Text>
          </View>
        </Picker>
      </View>
      <ExportButton id="report-export" input={{ kind: 'monthlyReport', month }} />
    </Card>
  )
}
