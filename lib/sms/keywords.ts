// What a patient's text reply means. Pure. The opt-out and opt-in words are the ones carriers and
// Twilio act on themselves (a reply of CANCEL stops all texts, as it does at the carrier), so the
// hospital's record always agrees with what the network will deliver.

export type ReplyIntent = "stop" | "start" | "help" | "confirm" | "reschedule" | "other";

const STOP_WORDS = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"]);
const START_WORDS = new Set(["START", "YES", "UNSTOP", "OPTIN"]);
const HELP_WORDS = new Set(["HELP", "INFO", "AYUDA"]);
const CONFIRM_WORDS = new Set(["C", "CONFIRM"]);
const RESCHEDULE_WORDS = new Set(["R", "RESCHEDULE"]);

/** The reply's one word, upper-cased, without surrounding spaces or punctuation. */
export function replyWord(body: string): string {
  return body
    .trim()
    .toUpperCase()
    .replace(/^[^A-Z0-9]+|[^A-Z0-9]+$/g, "");
}

export function classifyReply(body: string): ReplyIntent {
  const word = replyWord(body);
  if (STOP_WORDS.has(word)) return "stop";
  if (START_WORDS.has(word)) return "start";
  if (HELP_WORDS.has(word)) return "help";
  if (CONFIRM_WORDS.has(word)) return "confirm";
  if (RESCHEDULE_WORDS.has(word)) return "reschedule";
  return "other";
}
