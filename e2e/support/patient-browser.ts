import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { clientAddress } from "./public-client";

/** A zone far from both hospitals: every time a patient sees must be in the hospital's zone, not this one. */
export const PATIENT_TIME_ZONE = "Asia/Tokyo";

export type PatientBrowser = { context: BrowserContext; page: Page; address: string; close(): Promise<void> };

/**
 * A plain forward proxy that connects to the e2e server from one loopback source address. A browser
 * context behind it is one patient on one machine for the public endpoints' per-address limiter
 * (see public-client.ts), so browser flows in different tests never share a rate-limit budget.
 * It adds no X-Forwarded-For: the server sees the socket address, as with a direct connection.
 */
async function startProxy(localAddress: string): Promise<{ url: string; close(): Promise<void> }> {
  const agent = new http.Agent({ keepAlive: true, localAddress });
  const server = http.createServer((req, res) => {
    let target: URL;
    try {
      target = new URL(req.url ?? "");
    } catch {
      res.writeHead(400).end("absolute URL expected");
      return;
    }
    const headers: http.OutgoingHttpHeaders = { ...req.headers, host: target.host };
    delete headers["proxy-connection"];
    delete headers["proxy-authorization"];
    const upstream = http.request(
      {
        host: "127.0.0.1",
        port: Number(target.port || 80),
        method: req.method,
        path: `${target.pathname}${target.search}`,
        headers,
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", (err) => {
      if (!res.headersSent) res.writeHead(502);
      res.end(String(err));
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A fresh, signed-out browser context for one patient, at an address of its own, in a far-away time zone. */
export async function openPatientBrowser(
  browser: Browser,
  {
    timezoneId = PATIENT_TIME_ZONE,
    viewport,
    phone = false,
    acceptDownloads,
    locale = "en-US",
  }: {
    timezoneId?: string;
    viewport?: { width: number; height: number };
    phone?: boolean;
    acceptDownloads?: boolean;
    /** The browser's language (what it sends as Accept-Language); English unless told. */
    locale?: string;
  } = {},
): Promise<PatientBrowser> {
  const address = clientAddress();
  const proxy = await startProxy(address);
  const context = await browser.newContext({
    proxy: { server: proxy.url },
    timezoneId,
    locale,
    ...(viewport ? { viewport } : {}),
    // A phone: touch, and the page laid out for its width.
    ...(phone ? { hasTouch: true, isMobile: true, deviceScaleFactor: 1 } : {}),
    ...(acceptDownloads !== undefined ? { acceptDownloads } : {}),
  });
  const page = await context.newPage();
  return {
    context,
    page,
    address,
    close: async () => {
      await context.close();
      await proxy.close();
    },
  };
}
