import { Text, View } from '@tarojs/components'
import type { ActionOutput } from '../../../api'
import { Button, Card, PagedList, Page, Tag } from '../../../components'
import { useAction, usePagedQuery, useRefreshOnPullDown, useRefreshOnShow } from '../../../hooks'
import { openPage } from '../../../routes'
import { formatDateTime } from '../../../utils/date'
import '../mall.scss'

type Order = ActionOutput<'mall.order.mine'>['items'][number]

const TONES = { pending: 'brand', handedOver: 'neutral', cancelled: 'warning' } as const

/** 我的兑换: each order with its pickup code while it waits; cancel before it is handed over (the points come back). */
export default function MyOrdersPage() {
  const orders = usePagedQuery('mall.order.mine', {})
  useRefreshOnPullDown(orders.refresh)
  useRefreshOnShow(orders.refresh)
  const cancel = useAction('mall.order.cancel', {
    confirm: { title: '取消兑换', content: '取消后积分原数退回，物品放回货架。', confirmText: '取消兑换', danger: true },
    done: '已取消，积分已退回',
    refresh: orders.refresh,
  })
  return (
    <Page id="page-orders" className="mall-page">
      <PagedList
        id="orders-list"
        query={orders}
        empty={{ title: '还没有兑换过', hint: '参加社区服务攒下的积分，可以在爱心超市兑换物品。', actionText: '去爱心超市', onAction: () => openPage('shop') }}
      >
        {(order: Order, index) => (
          <Card id={`order-${index}`}>
            <View className="mall-balance">
              <Text className="mall-row__title">{order.itemName}</Text>
              <Tag tone={TONES[order.status as keyof typeof TONES] ?? 'neutral'}>{order.statusLabel}</Tag>
            </View>
            <Text className="mall-row__meta">
              {order.price} 积分 · {formatDateTime(order.createdAt)}兑换
            </Text>
            {order.status === 'pending' && (
              <>
                <Text className="mall-row__meta">到居委会出示领取码：</Text>
                <Text id={`order-code-${index}`} className="mall-code">{order.pickupCode}</Text>
                <View className="mall-row__actions">
                  <Button id={`order-cancel-${index}`} variant="secondary" size="compact" disabled={cancel.pending?.orderId === order.id} onClick={() => void cancel.run({ orderId: order.id })}>
                    取消兑换
                  </Button>
                </View>
              </>
            )}
            {order.status === 'handedOver' && order.handedOverAt && <Text className="mall-row__meta">{formatDateTime(order.handedOverAt)}已领取</Text>}
            {order.status === 'cancelled' && <Text className="mall-row__meta">已取消，积分已退回{order.cancelReason ? `（${order.cancelReason}）` : ''}</Text>}
          </Card>
        )}
      </PagedList>
    </Page>
  )
}
