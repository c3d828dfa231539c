import type { Page } from "@playwright/test";

/** Paths the UI must not call from the browser: the REST API is for integrations, the screens use server actions. */
export const INTEGRATION_ONLY = /\/api\/v1\/|\/api\/auth\/sign-out-everywhere/;

/**
 * Records every request the page makes whose URL matches `pattern` (from now on, across
 * navigations). Read the returned list at the end of the test: it should stay empty.
 */
export function requestsTo(page: Page, pattern: RegExp = INTEGRATION_ONLY): string[] {
  const seen: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (pattern.test(url.pathname)) seen.push(`${request.method()} ${url.pathname}`);
  });
  return seen;
}
