// Keys whose values never reach a log line, wherever they sit in the logged object: secrets
// (passwords, tokens, keys, cookies, the Authorization header), a person's identifying details
// (names, e-mail, phone, date of birth, address), free text a patient typed, and what a database
// error would carry (the query, its parameters, the failing row's detail). Log lines hold ids and
// codes; this is the net under that rule, not a licence to log whole objects.

export const REDACTED = "[redacted]";

export const SECRET_KEYS = [
  "password",
  "passwordHash",
  "newPassword",
  "currentPassword",
  "token",
  "tokenHash",
  "holdToken",
  "accessToken",
  "refreshToken",
  "idToken",
  "secret",
  "secretHash",
  "apiKey",
  "key",
  "authorization",
  "cookie",
  "cookies",
  "set-cookie",
  "sessionToken",
  "csrfToken",
] as const;

export const PERSONAL_KEYS = [
  "name",
  "firstName",
  "lastName",
  "fullName",
  "patientName",
  "displayName",
  "email",
  "toEmail",
  "phone",
  "dateOfBirth",
  "dob",
  "address",
  "street",
  "reason",
  "notes",
  "note",
  "body",
] as const;

export const QUERY_KEYS = ["query", "params", "parameters", "args", "detail"] as const;

export const SENSITIVE_KEYS: readonly string[] = [...SECRET_KEYS, ...PERSONAL_KEYS, ...QUERY_KEYS];
