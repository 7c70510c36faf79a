import { LinkRow, SectionTitle } from '../../../components'
import { openPage } from '../../../routes'

/** 爱心超市 and 微心愿 on the 邻里 tab. */
export function MallSection() {
  return (
    <>
      <SectionTitle title="爱心超市 · 微心愿" />
      <LinkRow id="enter-shop" title="爱心超市" desc="用参与社区服务攒下的积分兑换物品" onClick={() => openPage('shop')} />
      <LinkRow id="enter-wishes" title="微心愿" desc="困难邻居的小心愿，由志愿者认领帮忙实现" onClick={() => openPage('wishes')} />
    </>
  )
}
