import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Component } from 'react'
import { TABS, type TabBarHandle } from '../tabBar'
import { useElderMode } from '../theme'
import { cx } from '../utils/classNames'
import './index.scss'

// WeChat builds one instance of this bar per tab page, each created when its page
// first opens. The tab just tapped is remembered so the new page's bar is born
// with it selected, not with the previous tab lit until the page's onShow.
let tapped: number | null = null

function currentTab(): number {
  const route = Taro.getCurrentPages().at(-1)?.route
  return Math.max(0, TABS.findIndex((tab) => tab.page === route))
}

function Bar({ selected }: { selected: number }) {
  const { elder } = useElderMode()
  return (
    <View className={cx('tab-bar', elder && 'is-elder')}>
      {TABS.map((tab, index) => {
        const on = index === selected
        return (
          <View
            key={tab.page}
            id={`tab-${tab.icon}`}
            className={cx('tab-bar__item', on && 'is-selected')}
            onClick={() => {
              if (on) return
              tapped = index
              void Taro.switchTab({ url: `/${tab.page}` })
            }}
          >
            <Image className="tab-bar__icon" src={`/assets/tab/${tab.icon}${on ? '-active' : ''}.png`} mode="aspectFit" />
            <Text className="tab-bar__label">{tab.text}</Text>
          </View>
        )
      })}
    </View>
  )
}

/**
 * The weapp's tab bar (app.config tabBar.custom): WeChat's native bar keeps its
 * labels at 10pt whatever the app asks, and 长辈模式 needs them larger. A class,
 * as Taro.getTabBar hands the pages this instance and they call setSelected.
 */
export default class CustomTabBar extends Component<object, { selected: number }> implements TabBarHandle {
  override state = { selected: tapped ?? currentTab() }

  setSelected(index: number): void {
    tapped = null
    if (index !== this.state.selected) this.setState({ selected: index })
  }

  override render() {
    return <Bar selected={this.state.selected} />
  }
}
