import { expect, test, type APIResponse, type Response } from "@playwright/test";
import { E2E_PORT, ROOT } from "./support/hosts";
import { requestLine } from "./support/server-log";
import { hostOf, METRO, rootUrl, tenantUrl } from "./support/tenants";

test.describe("tenant sites", () => {
  test("each hospital's subdomain shows its own name, never the other's", async ({ page }) => {
    await page.goto(`http://metro-general.${ROOT}/`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Metro General Hospital");
    await expect(page.getByText("Sunset Clinic")).toHaveCount(0);

    await page.goto(`http://sunset-clinic.${ROOT}/`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sunset Clinic");
    await expect(page.getByText("Metro General")).toHaveCount(0);
  });

  test("path-based access shows the same tenant page", async ({ page }) => {
    await page.goto(`http://${ROOT}/org/metro-general`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Metro General Hospital");
  });

  test("an unknown subdomain answers 404 and names no hospital", async ({ page }) => {
    const response = await page.goto(`http://no-such-hospital.${ROOT}/`);
    expect(response?.status()).toBe(404);
    await expect(page.getByText("Metro General")).toHaveCount(0);
    await expect(page.getByText("Sunset Clinic")).toHaveCount(0);
  });

  test("a tenant host cannot be steered to another tenant by path", async ({ page }) => {
    const response = await page.goto(`http://metro-general.${ROOT}/org/sunset-clinic`);
    expect(response?.status()).toBe(404);
    await expect(page.getByText("Sunset Clinic")).toHaveCount(0);
  });

  test("the platform landing page is served on the root domain", async ({ page }) => {
    await page.goto(`http://${ROOT}/`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Scheduling for hospitals");
  });
});

test.describe("files every site serves", () => {
  test("robots.txt on a hospital's host lets booking be indexed and keeps staff pages out", async ({ request }) => {
    const reply = await request.get(`http://127.0.0.1:${E2E_PORT}/robots.txt`, { headers: { host: hostOf(METRO) } });
    expect(reply.status()).toBe(200);
    const text = await reply.text();
    expect(text).toMatch(/^Allow: \/book$/m);
    for (const path of ["/dashboard", "/patients", "/schedule", "/settings", "/appointments/manage/", "/api/"]) {
      expect(text).toContain(`Disallow: ${path}`);
    }
  });

  test("the site icon and the social preview image are served, and pages point at them", async ({ page, request }) => {
    const icon = await request.get(`http://127.0.0.1:${E2E_PORT}/icon.svg`, { headers: { host: hostOf(METRO) } });
    expect(icon.headers()["content-type"]).toContain("image/svg+xml");
    const image = await request.get(`http://127.0.0.1:${E2E_PORT}/og-image.png`, { headers: { host: ROOT } });
    expect(image.status()).toBe(200);
    expect(image.headers()["content-type"]).toContain("image/png");
    await page.goto(rootUrl("/"));
    await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", /\/og-image\.png$/);
    await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute("href", /\/icon\.svg/);
  });
});

test.describe("the home page for anonymous visitors", () => {
  const nonceOf = (response: Response | APIResponse) =>
    /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1] ?? "";

  test("a kept copy is a new response: its own nonce wherever the page has one, its own request id and request line", async ({
    request,
  }) => {
    const home = () => request.get(`http://127.0.0.1:${E2E_PORT}/`, { headers: { host: hostOf(METRO) } });
    /** The next visit served from a copy (one is made again whenever the organization's cached data is reloaded). */
    const copy = async (): Promise<APIResponse> => {
      for (let visit = 0; visit < 10; visit++) {
        const response = await home();
        expect(response.status()).toBe(200);
        const line = await requestLine(response.headers()["x-request-id"]!);
        expect(line).toMatchObject({ channel: "page", route: "/", status: 200 });
        expect(line.organizationId).toBeTruthy();
        if (line.pageCache === "hit") return response;
      }
      throw new Error("no anonymous visit was served a copy");
    };
    const copies = [await copy(), await copy(), await copy()];
    const pages: string[] = [];
    for (const response of copies) {
      const nonce = nonceOf(response);
      expect(nonce).toMatch(/^[A-Za-z0-9+/=]{40,}$/);
      const body = await response.text();
      expect(body).toContain(`<script nonce="${nonce}"`);
      const link = response.headers()["link"];
      if (link?.includes("nonce=")) expect(link).toContain(`nonce="${nonce}"`);
      expect(response.headers()["x-frame-options"]).toBe("DENY");
      expect(response.headers()["cache-control"]).toContain("no-store");
      pages.push(body.split(nonce).join("NONCE"));
    }
    expect(pages[1]).toContain("Metro General Hospital");
    expect(new Set(copies.map(nonceOf)).size).toBe(copies.length);
    expect(new Set(copies.map((r) => r.headers()["x-request-id"])).size).toBe(copies.length);
  });

  test("a copy runs under its own nonce, works like the rendered page, and shows what a fresh render shows", async ({ browser }) => {
    const anonymous = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await anonymous.newPage();
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to (execute|load)/i.test(message.text())) violations.push(message.text());
    });
    let response: Response | null = null;
    for (let visit = 0; visit < 10 && !response; visit++) {
      const candidate = await page.goto(tenantUrl(METRO, "/"));
      if ((await requestLine(candidate!.headers()["x-request-id"]!)).pageCache === "hit") response = candidate;
    }
    expect(response, "a visit was served a copy").not.toBeNull();
    const nonce = nonceOf(response!);
    const scriptNonces = await page.locator("script").evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
    expect(scriptNonces.length).toBeGreaterThan(0);
    expect(scriptNonces.every((n) => n === nonce)).toBe(true);
    const copied = { title: await page.title(), main: await page.locator("main").innerText() };

    // A visitor holding only cookies the server never reads (a hospital site's analytics) gets copies too.
    const tracked = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    await tracked.addCookies([{ name: "_ga", value: "GA1.2.345.678", url: tenantUrl(METRO, "/") }]);
    const trackedPage = await tracked.newPage();
    let trackedCopy = false;
    for (let visit = 0; visit < 10 && !trackedCopy; visit++) {
      const candidate = await trackedPage.goto(tenantUrl(METRO, "/"));
      trackedCopy = (await requestLine(candidate!.headers()["x-request-id"]!)).pageCache === "hit";
    }
    expect(trackedCopy, "a visit with an analytics cookie was served a copy").toBe(true);
    expect({ title: await trackedPage.title(), main: await trackedPage.locator("main").innerText() }).toEqual(copied);
    await tracked.close();

    // A visitor holding a cookie the server reads (here the patient pages' language) gets a fresh render: the same page.
    const visitor = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    await visitor.addCookies([{ name: "agentcare_language", value: "en", url: tenantUrl(METRO, "/") }]);
    const rendered = await visitor.newPage();
    const renderedResponse = await rendered.goto(tenantUrl(METRO, "/"));
    expect((await requestLine(renderedResponse!.headers()["x-request-id"]!)).pageCache).toBeUndefined();
    expect({ title: await rendered.title(), main: await rendered.locator("main").innerText() }).toEqual(copied);
    expect(copied.main).toContain("Metro General Hospital");
    await visitor.close();

    // Hydrated: the link navigates on the client.
    await page.getByRole("link", { name: "Book an appointment" }).click();
    await expect(page).toHaveURL(/\/book$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(violations).toEqual([]);
    await anonymous.close();
  });
});
