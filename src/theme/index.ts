export { adoptElderMode, forgetElderMode, setElderMode, useElderMode } from './elderMode'
