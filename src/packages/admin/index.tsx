import { AreaIntro, Page, type AreaFeature } from '../../components'

const FEATURES: AreaFeature[] = [
  { key: 'members', name: '成员与角色', desc: '为成员设置志愿者、楼栋长、居委会等角色。' },
  { key: 'verify', name: '住户认证', desc: '核实居民的小区、楼栋和房号，认证后可参加表决和评选。' },
  { key: 'places', name: '小区与楼栋', desc: '维护小区、楼栋和住户信息。' },
  { key: 'rules', name: '社区规则', desc: '附议门槛、满意率标准、志愿者星级门槛等由社区自己设定。' },
  { key: 'audit', name: '操作记录', desc: '每一次管理操作都记录谁、在什么时候、改了什么。' },
]

export default function AdminPage() {
  return (
    <Page id="area-admin">
      <AreaIntro
        title="社区管理"
        summary="给居委会和社区管理员使用：管理成员、角色和住户认证，所有改动都留有记录。"
        features={FEATURES}
      />
    </Page>
  )
}
