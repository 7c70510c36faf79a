export { setElderMode, useElderMode } from './elderMode'
