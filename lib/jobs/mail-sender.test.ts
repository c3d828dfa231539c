import nodemailer from "nodemailer";
import { describe, expect, it } from "vitest";
import { mailbox } from "@/lib/notifications/compose";
import { mailSender, RecipientError } from "./worker";

// The message as it would go over SMTP: nodemailer's stream transport renders it.
function rendering() {
  const messages: { raw: string; envelope: { from: string; to: string[] } }[] = [];
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "\r\n" });
  const send = mailSender({
    sendMail: async (options) => {
      const info = (await transport.sendMail(options)) as unknown as { message: Buffer; envelope: { from: string; to: string[] } };
      messages.push({ raw: info.message.toString("utf8"), envelope: info.envelope });
      return info as never;
    },
  });
  return { send, messages };
}

const headersOf = (raw: string) => raw.split("\r\n\r\n")[0]!.split("\r\n");

describe("mail sending", () => {
  it("a display name or subject with line breaks adds no header and no recipient", async () => {
    const { send, messages } = rendering();
    await send({
      from: mailbox('Metro" <attacker@evil.test>,\r\nBcc: attacker@evil.test', "no-reply@agentcare.test"),
      to: "ana@example.com",
      subject: "Your appointment is confirmed — Metro\r\nBcc: attacker@evil.test",
      text: "Hello Ana,",
      ics: null,
    });
    const [message] = messages;
    expect(message!.envelope).toEqual({ from: "no-reply@agentcare.test", to: ["ana@example.com"] });
    expect(headersOf(message!.raw).filter((h) => /^bcc:/i.test(h))).toEqual([]);
    // Every header line is a known header or the folded continuation of one.
    const names = headersOf(message!.raw)
      .filter((h) => !/^\s/.test(h))
      .map((h) => h.slice(0, h.indexOf(":")));
    expect(names.sort()).toEqual([
      "Content-Transfer-Encoding",
      "Content-Type",
      "Date",
      "From",
      "MIME-Version",
      "Message-ID",
      "Subject",
      "To",
    ]);
  });

  it("sends plain text only", async () => {
    const { send, messages } = rendering();
    await send({ from: "no-reply@agentcare.test", to: "ana@example.com", subject: "Hi", text: "<b>Ana</b>", ics: null });
    expect(messages[0]!.raw).toMatch(/Content-Type: text\/plain/);
    expect(messages[0]!.raw).not.toMatch(/text\/html/);
  });

  it.each(["ana@example.com, attacker@evil.test", "Ana <ana@example.com>", "ana@example.com\r\nBcc: attacker@evil.test", "not-an-address"])(
    "refuses a recipient that is not one plain address: %j",
    async (to) => {
      const { send, messages } = rendering();
      await expect(send({ from: "no-reply@agentcare.test", to, subject: "Hi", text: "x", ics: null })).rejects.toBeInstanceOf(
        RecipientError,
      );
      expect(messages).toEqual([]);
    },
  );
});
