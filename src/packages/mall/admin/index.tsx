import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ActionOutput } from '../../../api'
import { Button, Card, ChipGroup, Empty, PagedList, Page, PromptModal, QueryView, SectionTitle, Tag, TextField } from '../../../components'
import { useAccess, useAction, usePagedQuery, useQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../../hooks'
import { formatDateTime } from '../../../utils/date'
import { toastError } from '../../../utils/feedback'
import { OnePhoto } from '../OnePhoto'
import '../mall.scss'

type Order = ActionOutput<'mall.order.list'>['items'][number]
type Item = ActionOutput<'mall.items'>['items'][number]

const TABS = [
  { value: 'orders', label: '待领取', id: 'shop-admin-tab-orders' },
  { value: 'items', label: '物品', id: 'shop-admin-tab-items' },
  { value: 'new', label: '上架新物品', id: 'shop-admin-tab-new' },
]

/** 超市管理 (居委会): hand over what residents redeemed, keep the shelf stocked, put new items up. */
export default function ShopAdminPage() {
  const access = useAccess()
  const [tab, setTab] = useState('orders')
  if (access.known && !access.canManageShop) {
    return (
      <Page id="page-shop-admin" className="mall-page">
        <Empty id="shop-admin-forbidden" title="只有居委会可以管理爱心超市" hint="居民可以在爱心超市兑换物品。" />
      </Page>
    )
  }
  return (
    <Page id="page-shop-admin" className="mall-page">
      <Card>
        <ChipGroup id="shop-admin-tabs" options={TABS} selected={[tab]} onSelect={setTab} />
      </Card>
      {tab === 'orders' && <PendingOrders />}
      {tab === 'items' && <Shelf />}
      {tab === 'new' && <NewItem onDone={() => setTab('items')} />}
    </Page>
  )
}

function PendingOrders() {
  const orders = usePagedQuery('mall.order.list', { status: 'pending' })
  useRefreshOnPullDown(orders.refresh)
  useRefreshOnShow(orders.refresh)
  const [cancelling, setCancelling] = useState<Order | null>(null)
  const handOver = useAction('mall.order.handover', {
    confirm: { title: '确认交付', content: '请核对居民出示的领取码，交付后订单变为已领取。', confirmText: '已交付' },
    done: '已交付',
    refresh: orders.refresh,
  })
  const cancel = useAction('mall.order.cancel', { onDone: () => setCancelling(null), done: '已取消，积分已退回', refresh: orders.refresh })
  return (
    <>
      <Text className="mall-page-note">居民到居委会领取时，核对领取码再交付。取消订单须写明原因，积分会原数退回给居民。</Text>
      <PagedList id="shop-admin-orders" query={orders} empty={{ title: '没有待领取的订单', hint: '居民兑换后会出现在这里。' }}>
        {(order: Order, index) => (
          <Card id={`shop-admin-order-${index}`}>
            <View className="mall-balance">
              <Text className="mall-row__title">{order.itemName}</Text>
              <Text className="mall-code">{order.pickupCode}</Text>
            </View>
            <Text className="mall-row__meta">
              {order.name}
              {order.household ? ` · ${order.household}` : ''} · {order.price} 积分 · {formatDateTime(order.createdAt)}
            </Text>
            <View className="mall-row__actions">
              <Button id={`shop-admin-handover-${index}`} size="compact" disabled={handOver.pending?.orderId === order.id} onClick={() => void handOver.run({ orderId: order.id })}>
                确认交付
              </Button>
              <Button id={`shop-admin-cancel-${index}`} variant="secondary" size="compact" onClick={() => setCancelling(order)}>
                取消订单
              </Button>
            </View>
          </Card>
        )}
      </PagedList>
      <PromptModal
        visible={cancelling !== null}
        title="取消这笔兑换"
        message="居民会收到通知和原因，积分原数退回。"
        placeholder="原因，如：物品受潮无法交付"
        confirmText="取消订单"
        danger
        multiline
        maxLength={200}
        validate={(v) => (v.trim().length < 2 ? '请写明原因' : null)}
        busy={cancel.loading}
        onConfirm={(reason) => cancelling && void cancel.run({ orderId: cancelling.id, reason: reason.trim() })}
        onCancel={() => setCancelling(null)}
      />
    </>
  )
}

function Shelf() {
  const shelf = useQuery('mall.items', { all: true, limit: 50 })
  useRefreshOnPullDown(shelf.refresh)
  const [repricing, setRepricing] = useState<Item | null>(null)
  const update = useAction('mall.item.update', { done: '已保存', onDone: () => setRepricing(null), refresh: shelf.refresh })
  const busy = (item: Item) => update.pending?.itemId === item.id
  return (
    <QueryView query={shelf} rows={4}>
      {(data) =>
        data.items.length === 0 ? (
          <Empty id="shop-admin-shelf-empty" title="还没有物品" hint="在「上架新物品」里添加。" />
        ) : (
          <Card id="shop-admin-shelf">
            {data.items.map((item, index) => (
              <View key={item.id} id={`shop-admin-item-${index}`} className="mall-row">
                <View className="mall-row__body">
                  <Text className="mall-row__title">{item.name}</Text>
                  <Text className="mall-row__meta">
                    {item.price} 积分 · 库存 {item.stock} · 已兑 {item.redeemed}
                    {item.limitPerPerson !== null ? ` · 每人限兑 ${item.limitPerPerson}` : ''}
                  </Text>
                  <View className="wish-tags">
                    {item.active ? <Tag tone="brand">上架中</Tag> : <Tag tone="neutral">已下架</Tag>}
                    {item.photoPending && <Tag tone="warning">图片检测中</Tag>}
                  </View>
                  <View className="mall-row__actions">
                    <Button id={`shop-admin-restock-${index}`} size="compact" variant="secondary" disabled={busy(item)} onClick={() => void update.run({ itemId: item.id, restock: 5 })}>
                      补货 5 件
                    </Button>
                    <Button
                      id={`shop-admin-toggle-${index}`}
                      size="compact"
                      variant="secondary"
                      disabled={busy(item)}
                      onClick={() => void update.run({ itemId: item.id, active: !item.active })}
                    >
                      {item.active ? '下架' : '重新上架'}
                    </Button>
                    <Button id={`shop-admin-price-${index}`} size="compact" variant="secondary" disabled={busy(item)} onClick={() => setRepricing(item)}>
                      改积分
                    </Button>
                  </View>
                </View>
              </View>
            ))}
            <PromptModal
              visible={repricing !== null}
              title={repricing ? `「${repricing.name}」所需积分` : '所需积分'}
              message="已兑换的订单仍按兑换时的积分，取消时原数退回。"
              placeholder={repricing ? String(repricing.price) : ''}
              confirmText="保存"
              maxLength={6}
              validate={(v) => (/^[1-9]\d{0,5}$/.test(v.trim()) ? null : '请填 1 以上的整数')}
              busy={update.loading}
              onConfirm={(v) => repricing && void update.run({ itemId: repricing.id, price: Number(v.trim()) })}
              onCancel={() => setRepricing(null)}
            />
          </Card>
        )
      }
    </QueryView>
  )
}

function NewItem({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const [price, setPrice] = useState('')
  const [stock, setStock] = useState('')
  const [limit, setLimit] = useState('none')
  const [photo, setPhoto] = useState<{ fileID: string | null; preview: string | null }>({ fileID: null, preview: null })
  const [uploading, setUploading] = useState(false)
  const create = useAction('mall.item.create', { done: '已上架', onDone })
  const submit = () => {
    const p = Number(price)
    const s = Number(stock)
    if (name.trim().length < 2) return toastError({ message: '名称至少 2 个字' })
    if (!Number.isInteger(p) || p < 1) return toastError({ message: '所需积分须为正整数' })
    if (!Number.isInteger(s) || s < 0) return toastError({ message: '库存须为整数' })
    void create.run({ name: name.trim(), description: description.trim(), price: p, stock: s, photo: photo.fileID, limitPerPerson: limit === 'one' ? 1 : null })
  }
  return (
    <>
      <Card>
        <TextField id="item-name" label="名称" value={name} onChange={setName} maxLength={30} placeholder="如：东北大米 5 斤" />
        <TextField id="item-description" label="说明（可不填）" value={description} onChange={setDescription} maxLength={300} placeholder="规格、来源、领取时间" />
        <TextField id="item-price" label="所需积分" type="number" value={price} onChange={setPrice} suffix="积分" />
        <TextField id="item-stock" label="库存" type="number" value={stock} onChange={setStock} suffix="件" />
        <View className="mall-field">
          <Text className="mall-field__label">每人限兑</Text>
          <ChipGroup
            id="item-limit"
            options={[
              { value: 'none', label: '不限', id: 'item-limit-none' },
              { value: 'one', label: '每人 1 件', id: 'item-limit-one' },
            ]}
            selected={[limit]}
            onSelect={setLimit}
          />
        </View>
        <View className="mall-field">
          <Text className="mall-field__label">图片（可不传）</Text>
          <OnePhoto id="item-photo" folder="mall" fileID={photo.fileID} preview={photo.preview} onChange={(fileID, preview) => setPhoto({ fileID, preview })} onUploading={setUploading} />
        </View>
      </Card>
      <SectionTitle title="说明" />
      <Text className="mall-page-note">积分只能通过参与社区服务获得，不能购买，也不能兑换现金；物品不标价格，只标所需积分。</Text>
      <View className="mall-actions">
        <Button id="item-submit" block disabled={create.loading || uploading} onClick={submit}>
          {create.loading ? '正在上架…' : '上架'}
        </Button>
      </View>
    </>
  )
}
