import { Image, Text, View } from '@tarojs/components'
import type { ActionOutput } from '../../api'
import { fileUrl } from '../../api/fileUrl'
import { Button, Card, Empty, LinkRow, Page, QueryView, SectionTitle, Tag } from '../../components'
import { useAction, useQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../hooks'
import { openPage } from '../../routes'
import './mall.scss'

type Item = ActionOutput<'mall.items'>['items'][number]

/**
 * 爱心超市: what the community's points buy. The balance comes with the list; each item
 * says whether this person can redeem it now and, when not, why (so no button is a dead end).
 */
export default function ShopPage() {
  const shop = useQuery('mall.items', {})
  useRefreshOnPullDown(shop.refresh)
  useRefreshOnShow(shop.refresh)
  const redeem = useAction('mall.redeem', {
    confirm: (input) => {
      const item = shop.data?.items.find((i) => i.id === input.itemId)
      return { title: '确认兑换', content: item ? `用 ${item.price} 积分兑换「${item.name}」？兑换后请到居委会领取。` : '确认兑换这件物品？', confirmText: '兑换' }
    },
    done: (res) => (res.status === 'already' ? '已有待领取的订单' : `兑换成功，领取码 ${res.pickupCode}`),
    refresh: shop.refresh,
  })

  return (
    <Page id="page-shop" className="mall-page">
      <QueryView query={shop} rows={4} loadingText="正在读取爱心超市…">
        {(data) => (
          <>
            <Card id="shop-balance">
              <View className="mall-balance">
                <Text>我的积分</Text>
                <Text id="shop-balance-value" className="mall-balance__value">{data.balance}</Text>
              </View>
              <Text className="mall-note">{data.notice}。</Text>
              <Text className="mall-note">兑换后凭领取码到居委会领取；领取前可以取消，积分原数退回。花积分不影响志愿服务时长和星级。</Text>
            </Card>

            <LinkRow id="shop-my-orders" title="我的兑换" desc="待领取的订单和领取码" onClick={() => openPage('orders')} />
            <LinkRow id="shop-points" title="我的积分" desc="每一笔积分的来由" onClick={() => openPage('points')} />
            {data.canManage && <LinkRow id="shop-admin" title="超市管理" desc="上架物品、补货、交付待领取的订单" onClick={() => openPage('shopAdmin')} />}

            <SectionTitle title="可兑换的物品" />
            {data.items.length === 0 ? (
              <Empty id="shop-empty" title="货架还空着" hint="居委会上架物品后会显示在这里。" />
            ) : (
              <Card id="shop-items">
                {data.items.map((item, index) => (
                  <ItemRow key={item.id} item={item} index={index} busy={redeem.pending?.itemId === item.id} onRedeem={() => void redeem.run({ itemId: item.id })} />
                ))}
              </Card>
            )}
          </>
        )}
      </QueryView>
    </Page>
  )
}

function ItemRow({ item, index, busy, onRedeem }: { item: Item; index: number; busy: boolean; onRedeem: () => void }) {
  return (
    <View id={`shop-item-${index}`} className="mall-row">
      {item.photo ? (
        <Image className="mall-row__picture" src={fileUrl(item.photo)} mode="aspectFill" aria-label={item.name} />
      ) : (
        <View className="mall-row__picture mall-row__placeholder">
          <Text>暂无图片</Text>
        </View>
      )}
      <View className="mall-row__body">
        <Text className="mall-row__title">{item.name}</Text>
        {item.description && <Text className="mall-row__meta">{item.description}</Text>}
        <Text className="mall-row__price">{item.price} 积分</Text>
        <View className="wish-tags">
          <Tag tone="neutral">库存 {item.stock}</Tag>
          {item.limitPerPerson !== null && <Tag tone="neutral">每人限兑 {item.limitPerPerson}</Tag>}
        </View>
        {item.canRedeem ? (
          <View className="mall-row__actions">
            <Button id={`shop-redeem-${index}`} size="compact" disabled={busy} onClick={onRedeem}>
              {busy ? '正在兑换…' : '兑换'}
            </Button>
          </View>
        ) : (
          <Text id={`shop-why-${index}`} className="mall-row__why">{item.why}</Text>
        )}
      </View>
    </View>
  )
}
