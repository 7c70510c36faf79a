// Check-in for any kind of event (议事会 today; activities and volunteer shifts
// next): the rotating codes, the camera scan, manual marking and the list of who
// came. Unlike the other components these talk to the check-in actions
// themselves, so a page of any kind places them with its event and words.
export { AttendeeList, MarkAttendance, type AttendeeListProps, type MarkAttendanceProps, type SignedUpPerson } from './Attendance'
export { OrganiserCode, PersonalCode, type CodeCardProps } from './Codes'
export { CodeScanner, type CodeScannerProps } from './CodeScanner'
export { MEETING_ROLES, checkinWords, type CheckinDirection, type CheckinEvent, type CheckinRoles } from './event'
export { RotatingQr, type RotatingQrProps } from './RotatingQr'
export { ScanOrganiserCode, ScanPersonalCode, type ScanCardProps } from './Scans'
export { useEventCheckinCode, usePersonalCheckinCode, useRotatingCode, type RotatingCodeState } from './useRotatingCode'
