import { LinkRow, SectionTitle } from '../../../components'
import { openArea } from '../../../routes'

/** 最美邻里 on the 邻里 tab (the awards area fills it). */
export function AwardsSection() {
  return (
    <>
      <SectionTitle title="最美邻里" />
      <LinkRow id="enter-awards" title="最美邻里" desc="推荐身边的好邻居，公示、投票、评选" onClick={() => openArea('awards')} />
    </>
  )
}
