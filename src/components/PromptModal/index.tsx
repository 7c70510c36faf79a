import { Input, Text, Textarea } from '@tarojs/components'
import { useState } from 'react'
import { Button } from '../Button'
import { Modal } from '../Modal'
import './index.scss'

export interface PromptModalProps {
  visible: boolean
  title: string
  /** What happens, said before the person types. */
  message?: string
  placeholder?: string
  confirmText?: string
  /** The dismiss button; say 返回 when 取消 would read as the very thing being confirmed (取消议事会). */
  cancelText?: string
  /** Red confirm button for what cannot be undone. */
  danger?: boolean
  /** A reason (several lines) rather than one word. */
  multiline?: boolean
  maxLength?: number
  /** A friendly pre-check; returns the message to show, or null when the text will do. */
  validate?: (value: string) => string | null
  busy?: boolean
  onConfirm: (value: string) => void
  onCancel: () => void
}

/** Asks for one piece of text (a reason, a confirmation word): #prompt-input, #prompt-confirm, #prompt-cancel. */
export function PromptModal(props: PromptModalProps) {
  // Mounted afresh at each opening, so the text starts empty without a reset that
  // would reach H5's input before it has rendered.
  return props.visible ? <PromptDialog {...props} /> : null
}

function PromptDialog({
  title,
  message,
  placeholder,
  confirmText = '确定',
  cancelText = '取消',
  danger,
  multiline,
  maxLength = 100,
  validate,
  busy,
  onConfirm,
  onCancel,
}: PromptModalProps) {
  const [value, setValue] = useState('')
  const [problem, setProblem] = useState<string | null>(null)

  // A complaint about the text goes once the person changes it.
  const edit = (next: string) => {
    setValue(next)
    setProblem(null)
  }

  const submit = () => {
    const text = value.trim()
    const complaint = validate ? validate(text) : text ? null : '请先填写'
    setProblem(complaint)
    if (!complaint) onConfirm(text)
  }

  return (
    <Modal
      id="prompt-modal"
      visible
      title={title}
      footer={
        <>
          <Button id="prompt-cancel" variant="secondary" onClick={onCancel}>
            {cancelText}
          </Button>
          <Button id="prompt-confirm" variant={danger ? 'danger' : 'primary'} disabled={busy} onClick={submit}>
            {busy ? '请稍候…' : confirmText}
          </Button>
        </>
      }
    >
      {message && <Text className="prompt__message">{message}</Text>}
      {multiline ? (
        <Textarea
          id="prompt-input"
          className="prompt__input prompt__input--multiline"
          value={value}
          placeholder={placeholder}
          maxlength={maxLength}
          fixed
          onInput={(e) => edit(e.detail.value)}
        />
      ) : (
        <Input
          id="prompt-input"
          className="prompt__input"
          value={value}
          placeholder={placeholder}
          maxlength={maxLength}
          onInput={(e) => edit(e.detail.value)}
          onConfirm={submit}
        />
      )}
      {problem && <Text className="prompt__problem">{problem}</Text>}
    </Modal>
  )
}
