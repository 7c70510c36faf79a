/**
 * ¥1,234.50 — an amount the server keeps in 分. Written out by hand: some
 * WeChat JS engines ignore the locale arguments of toLocaleString.
 */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.round(Math.abs(fen))
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, '0')}`
}
