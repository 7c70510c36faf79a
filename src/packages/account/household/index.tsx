import { Text } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { Button, Card, Empty, ErrorState, HouseholdPicker, Loading, Page } from '../../../components'
import { useAction, useMe, useQuery } from '../../../hooks'
import { goBack, openPage } from '../../../routes'
import { toastError } from '../../../utils/feedback'
import './index.scss'

/** Register (again) the household: after a decline, or after moving within the community. */
export default function HouseholdPage() {
  const me = useMe()
  const current = me.data?.current ?? null
  // The structure is the current community's: ask once we know there is one.
  const structure = useQuery('community.structure', {}, [current?.communityId], { enabled: !!current })
  const register = useAction('me.registerHousehold', { onDone: goBack, done: '已提交' })
  const [householdId, setHouseholdId] = useState<string | null>(null)

  // Start from the household on record, so a typo is one tap away from fixed.
  const recorded = current?.household?.id ?? null
  useEffect(() => {
    if (recorded) setHouseholdId((chosen) => chosen ?? recorded)
  }, [recorded])

  const submit = () => {
    if (!householdId) return toastError({ message: '请选择楼栋、单元和房号' })
    if (!current) return
    const moving = current.status === 'verified' && householdId !== recorded
    const confirm = { title: '更换住户', content: '更换后需要居委会或楼栋长重新认证，认证前不能参加表决和评选。确定更换？', confirmText: '更换' }
    void register.run({ householdId }, { confirm: moving ? confirm : undefined })
  }

  const loading = (me.loading && !me.data) || (!!current && structure.loading && !structure.data)
  const error = (!me.data && me.error) || (!structure.data && structure.error)

  return (
    <Page id="page-household">
      {loading ? (
        <Loading rows={4} />
      ) : me.data && !current ? (
        <Empty title="还没有加入社区" hint="先凭邀请码加入社区，再登记住户。" actionText="加入社区" onAction={() => openPage('join')} />
      ) : error ? (
        <ErrorState
          error={error}
          onRetry={() => {
            void me.refresh()
            void structure.refresh()
          }}
        />
      ) : structure.data && current ? (
        <>
          {current.status === 'declined' && current.declineReason && (
            <Card id="household-declined" className="household-declined">
              <Text className="household-declined__title">上次登记未通过</Text>
              <Text className="household-declined__reason">原因：{current.declineReason}</Text>
            </Card>
          )}
          <Card title="选择你的住处">
            <Text className="household-hint">
              选择你在「{current.communityName}」实际居住的楼栋、单元和房号，提交后由居委会或楼栋长核实。
            </Text>
            <HouseholdPicker
              idPrefix="household"
              buildings={structure.data.buildings}
              value={householdId}
              onChange={setHouseholdId}
            />
          </Card>
          <Button id="household-submit" block disabled={register.loading} onClick={submit}>
            {register.loading ? '正在提交…' : '提交认证'}
          </Button>
        </>
      ) : null}
    </Page>
  )
}
