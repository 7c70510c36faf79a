import { LinkRow, SectionTitle } from '../../../components'
import { openArea } from '../../../routes'

/** 志愿服务 on the 邻里 tab: the way in to shifts, hours and the certificate. */
export function VolunteersSection() {
  return (
    <>
      <SectionTitle title="志愿服务" />
      <LinkRow
        id="enter-volunteers"
        title="志愿服务"
        desc="报名服务岗位，扫码记录服务时长和积分"
        onClick={() => openArea('volunteers')}
      />
    </>
  )
}
