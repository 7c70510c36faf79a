/** Joins the truthy class names: cx('card', active && 'is-active'). */
export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ')
}
