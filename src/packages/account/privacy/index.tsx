import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ActionInput } from '../../../api'
import { Button, Card, Page } from '../../../components'
import { useAction, useMe } from '../../../hooks'
import { goBack } from '../../../routes'
import { POLICY_INTRO, POLICY_SECTIONS } from './policy'
import './index.scss'

export default function PrivacyPage() {
  const me = useMe()
  const [agreed, setAgreed] = useState(false)
  const consent = useAction('me.consent', {
    onDone: () => {
      setAgreed(true)
      goBack()
    },
    done: '已同意',
  })
  const privacy = me.data?.privacy
  const consented = agreed || (!!privacy && privacy.consentedVersion === privacy.currentVersion)

  // The version me.get names is the one the server accepts (it checks again).
  const agree = () => privacy && void consent.run({ version: privacy.currentVersion as ActionInput<'me.consent'>['version'] })

  return (
    <Page id="page-privacy">
      <Card>
        <Text className="policy__title">厝边议事厅隐私保护指引</Text>
        {privacy && <Text className="policy__version">版本：{privacy.currentVersion}</Text>}
        <Text className="policy__text">{POLICY_INTRO}</Text>
      </Card>
      {POLICY_SECTIONS.map((section) => (
        <Card key={section.title} title={section.title}>
          {section.paragraphs.map((paragraph) => (
            <View key={paragraph} className="policy__item">
              <Text className="policy__dot">·</Text>
              <Text className="policy__text">{paragraph}</Text>
            </View>
          ))}
        </Card>
      ))}
      {privacy &&
        (consented ? (
          <Text id="privacy-consented" className="policy__consented">你已同意本版本的隐私保护指引。</Text>
        ) : (
          <Button id="privacy-agree" block disabled={consent.loading} onClick={agree}>
            我已阅读并同意
          </Button>
        ))}
    </Page>
  )
}
