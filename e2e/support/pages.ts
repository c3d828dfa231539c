import { expect, type Locator, type Page, type Response } from "@playwright/test";
import { tenantUrl, type DemoTenant } from "./tenants";

/** A tenant's branded staff sign-in page (`/sign-in` on its host). */
export class SignInPage {
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  /** The form's own alert: Next.js also renders a role="alert" route announcer elsewhere. */
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.email = page.getByLabel("E-mail");
    this.password = page.getByLabel("Password");
    this.submit = page.getByRole("button", { name: "Sign in" });
    this.error = page.locator("form").getByRole("alert");
  }

  async goto(tenant: DemoTenant | string, root?: string) {
    await this.page.goto(tenantUrl(tenant, "/sign-in", root));
    await expect(this.submit).toBeEnabled();
  }

  /** Fills and submits the form; resolves once next-auth's credentials callback has answered. */
  async signIn(email: string, password: string): Promise<Response> {
    await this.email.fill(email);
    await this.password.fill(password);
    const [response] = await Promise.all([
      this.page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials") && r.request().method() === "POST"),
      this.submit.click(),
    ]);
    return response;
  }
}

/** The staff shell's header: brand, organization switcher, account menu. */
export class StaffHeader {
  readonly banner: Locator;
  readonly switcher: Locator;

  constructor(readonly page: Page) {
    this.banner = page.getByRole("banner");
    this.switcher = this.banner.getByRole("combobox", { name: "Organization" });
  }

  /** The brand link (logo mark is aria-hidden, so its name is the display name). */
  brand(name: string): Locator {
    return this.banner.getByRole("link", { name, exact: true });
  }

  async expectOrganization(name: string) {
    await expect(this.brand(name)).toBeVisible();
  }

  async signOut() {
    await this.banner.getByRole("button", { name: /account menu/i }).click();
    await this.page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  }
}

/** The 403 page a signed-in non-member gets. */
export function forbiddenHeading(page: Page): Locator {
  return page.getByRole("heading", { name: /don.t have access to this organization/i });
}

/** The value of a CSS custom property as the page's main heading inherits it. */
export async function cssVariable(page: Page, name: string): Promise<string> {
  return page
    .getByRole("heading", { level: 1 })
    .first()
    .evaluate((el, prop) => getComputedStyle(el).getPropertyValue(prop).trim(), name);
}
