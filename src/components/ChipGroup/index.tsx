import { Text, View } from '@tarojs/components'
import { cx } from '../../utils/classNames'
import './index.scss'

export interface ChipOption {
  value: string
  label: string
  /** Stable hook for tests, e.g. `building-2`. */
  id?: string
  /** Extra classes on this chip, e.g. what tapping it will do. */
  className?: string
}

export interface ChipGroupProps {
  options: ChipOption[]
  /** The chosen values: one for a single choice, any number for a multiple one. */
  selected: string[]
  onSelect: (value: string) => void
  /** Check boxes rather than radio buttons, for assistive technology. */
  multiple?: boolean
  /** Wider chips for longer labels (楼栋 names, filters). */
  wide?: boolean
  /** One chip a row, text from the left: for whole titles and names with rooms. */
  list?: boolean
  id?: string
}

/** Choices laid out as a grid of large tappable chips; e2e selects them by id or text. */
export function ChipGroup({ options, selected, onSelect, multiple, wide, list, id }: ChipGroupProps) {
  return (
    <View id={id} className={cx('chip-group', wide && 'chip-group--wide', list && 'chip-group--list')} role={multiple ? 'group' : 'radiogroup'}>
      {options.map((option) => {
        const on = selected.includes(option.value)
        return (
          <View
            key={option.value}
            id={option.id}
            className={cx('chip', on && 'is-selected', option.className)}
            role={multiple ? 'checkbox' : 'radio'}
            aria-checked={on}
            hoverClass="is-pressed"
            onClick={() => onSelect(option.value)}
          >
            {/* A tick as well as the colour: a chosen box must not rely on colour alone. */}
            {multiple && on && <Text className="chip__tick">✓</Text>}
            <Text>{option.label}</Text>
          </View>
        )
      })}
    </View>
  )
}
