// The shape of the SMS settings as the admin console and the API show them. Types only, client-safe.

/** What admins see of the SMS set-up: never the auth token, only whether one is kept and readable. */
export type SmsSettingsView = {
  enabled: boolean;
  accountSid: string | null;
  fromNumber: string | null;
  authTokenSet: boolean;
  /** False when a kept token cannot be decrypted (the organization was moved, or the key changed): enter it again. */
  authTokenReadable: boolean;
  reminderOffsetsHours: number[];
  releaseUnconfirmedHours: number | null;
  /** Where Twilio should post replies ("A message comes in" webhook). */
  inboundUrl: string;
  updatedAt: Date | null;
};
