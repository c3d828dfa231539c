import net from "node:net";

export type ReceivedMail = { subject: string; to: string; client: string };

/**
 * A minimal SMTP server for tests: it accepts every message, records its subject, recipient and
 * the client's EHLO name, and answers DATA only after `onMessage` returns (which may hold it).
 */
export async function startSmtpSink({
  onMessage,
}: { onMessage?: (mail: ReceivedMail) => Promise<"accept" | "drop"> | "accept" | "drop" } = {}) {
  const received: ReceivedMail[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    let client = "";
    let to = "";
    let inData = false;
    let buffer = "";
    let data = "";
    const reply = (line: string) => {
      if (!socket.destroyed) socket.write(`${line}\r\n`);
    };
    reply("220 sink ESMTP");
    const handleCommand = async (line: string) => {
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === "EHLO" || verb === "HELO") {
        client = line.slice(5).trim();
        reply("250 sink");
      } else if (verb === "MAIL") reply("250 ok");
      else if (verb === "RCPT") {
        to = /<([^>]*)>/.exec(line)?.[1] ?? "";
        reply("250 ok");
      } else if (verb === "DATA") {
        inData = true;
        data = "";
        reply("354 go ahead");
      } else if (verb === "QUIT") {
        reply("221 bye");
        socket.end();
      } else reply("250 ok");
    };
    let chain = Promise.resolve();
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      chain = chain.then(async () => {
        for (;;) {
          if (inData) {
            const end = buffer.indexOf("\r\n.\r\n");
            if (end < 0) return;
            data += buffer.slice(0, end);
            buffer = buffer.slice(end + 5);
            inData = false;
            const subject = /^Subject: (.*)$/im.exec(data)?.[1]?.trim() ?? "";
            const mail = { subject, to, client };
            received.push(mail);
            const verdict = onMessage ? await onMessage(mail) : "accept";
            if (verdict === "accept") reply("250 queued");
            continue;
          }
          const eol = buffer.indexOf("\r\n");
          if (eol < 0) return;
          const line = buffer.slice(0, eol);
          buffer = buffer.slice(eol + 2);
          await handleCommand(line);
        }
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    received,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
