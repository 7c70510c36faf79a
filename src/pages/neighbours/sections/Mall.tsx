import { LinkRow, SectionTitle } from '../../../components'
import { openArea } from '../../../routes'

/** 爱心超市 and 微心愿 on the 邻里 tab (the mall area fills it). */
export function MallSection() {
  return (
    <>
      <SectionTitle title="爱心超市 · 微心愿" />
      <LinkRow
        id="enter-wishes"
        title="微心愿"
        desc="困难邻居的小心愿，由志愿者认领帮忙实现"
        onClick={() => openArea('volunteers', { focus: 'wish' })}
      />
    </>
  )
}
