/** 厝边议事厅, second half: 表决 and 决议, 帮邻办事 (tasks), 由邻评事 (ratings). 让邻知事 lives in modules/notices. */
export { createMotion, listMotions, getMotion, vote, closeMotionAction, getDecision, runMotions } from './motions'
export { createTask, listTasks, getTask, updateTask, addExpense, escalateTask, completeTask, rateTask } from './tasks'
