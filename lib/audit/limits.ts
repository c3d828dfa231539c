// What one audit export may hold, and the kinds of record events name. Client-safe constants.

/** The longest range one export covers. */
export const MAX_AUDIT_EXPORT_DAYS = 366;
/** The most events one export holds; a busier range is exported in parts. */
export const MAX_AUDIT_EXPORT_ROWS = 100_000;
/** The longest period one patient's access report covers. */
export const MAX_REPORT_DAYS = 366;
/** The period a patient's access report opens with. */
export const DEFAULT_REPORT_DAYS = 90;

/** Kinds of record the audit log names most often, offered as suggestions in the console's filter. */
export const COMMON_AUDIT_RESOURCES = [
  "appointment",
  "appointment_series",
  "patient",
  "patient_search",
  "patient_reconcile",
  "intake",
  "waitlist_entry",
  "waitlist_offer",
  "sms_message",
  "provider",
  "location",
  "settings",
  "calendar_feed",
  "permission",
  "audit_log",
  "audit_chain",
  "access_report",
] as const;
