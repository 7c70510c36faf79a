import { answerProblem, answersOf, fieldsInput, splitOptions, type FieldDraft } from './form'

const draft = (over: Partial<FieldDraft>): FieldDraft => ({ label: '孩子年龄', type: 'number', required: true, options: '', ...over })

describe('the organiser’s custom fields', () => {
  it('become what activity.create takes, a choice with its options split however they were typed', () => {
    expect(splitOptions('大巴、自驾，步行, 骑车  其他')).toEqual(['大巴', '自驾', '步行', '骑车', '其他'])
    expect(fieldsInput([draft({}), draft({ label: ' 出行方式 ', type: 'choice', required: false, options: '大巴、自驾、大巴' })])).toEqual({
      fields: [
        { label: '孩子年龄', type: 'number', required: true },
        { label: '出行方式', type: 'choice', required: false, options: ['大巴', '自驾'] },
      ],
    })
  })

  it('say what is missing before anything is sent', () => {
    expect(fieldsInput([draft({}), draft({ label: '  ' })])).toEqual({ problem: '第 2 个报名栏目还没有名称' })
    expect(fieldsInput([draft({ label: '出行方式', type: 'choice', options: '大巴' })])).toEqual({ problem: '「出行方式」是单选，请写至少 2 个选项，用顿号隔开' })
  })
})

describe('a sign-up’s answers', () => {
  const fields = [
    { id: 'f1', label: '联系电话', type: 'phone' as const, required: true },
    { id: 'f2', label: '孩子年龄', type: 'number' as const, required: false },
    { id: 'f3', label: '出行方式', type: 'choice' as const, required: true, options: ['大巴', '自驾'] },
  ]

  it('are checked as the server checks them, with the field named', () => {
    expect(answerProblem(fields[0], '')).toBe('请填写「联系电话」')
    expect(answerProblem(fields[0], '1380000123')).toBe('「联系电话」请填 11 位手机号')
    expect(answerProblem(fields[0], '12800001234')).toBe('「联系电话」请填 11 位手机号')
    expect(answerProblem(fields[0], '13800001234')).toBeNull()
    expect(answerProblem(fields[1], '')).toBeNull()
    expect(answerProblem(fields[1], '五岁')).toBe('「孩子年龄」请填数字')
    expect(answerProblem(fields[2], '步行')).toBe('请选择「出行方式」')
  })

  it('go as one entry per field answered, numbers as numbers, blanks left out', () => {
    expect(answersOf(fields, { f1: ' 13800001234 ', f2: '', f3: '大巴' })).toEqual([
      { field: 'f1', value: '13800001234' },
      { field: 'f3', value: '大巴' },
    ])
    expect(answersOf(fields, { f1: '13800001234', f2: '7' })).toContainEqual({ field: 'f2', value: 7 })
  })
})
