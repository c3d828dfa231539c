import { expect, test } from "@playwright/test";
import { sessionCookieFrom } from "./support/api";
import { expectNoSeriousAxeViolations } from "./support/axe";
import { openPatientBrowser } from "./support/patient-browser";
import { PERSONAS } from "./support/personas";
import { expectStatus, send } from "./support/public-client";
import { newPatient, outbox, squash, sunsetOwner } from "./support/scheduling";
import { hostOf, SUNSET, tenantUrl } from "./support/tenants";

// A patient whose browser asks for Spanish books at a clinic that offers Spanish: every step, the
// dates and the server's objections are in Spanish, the confirmation e-mail too; the language menu
// turns the pages English. The clinic offers English only again afterwards.

const PROVIDER = "Dr. Priya Patel";
const TYPE = "Follow-up";
const SPANISH_MONTH = /^(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre) de \d{4}$/;
const SPANISH_WEEKDAY = /^(lun|mar|mié|jue|vie|sáb|dom)/;

async function offerLanguages(languages: string[]) {
  const reply = await send({
    host: hostOf(SUNSET),
    path: "/api/v1/settings/scheduling",
    method: "PATCH",
    body: { patientLanguages: languages },
    headers: { cookie: sessionCookieFrom(PERSONAS.sunsetOwner.storageState) },
  });
  expectStatus(reply, 200, `offer ${languages.join(", ")}`);
  expect((reply.body as { data: { patientLanguages: string[] } }).data.patientLanguages).toEqual(languages);
}

test.beforeAll(async () => {
  await offerLanguages(["en", "es"]);
});

test.afterAll(async () => {
  await offerLanguages(["en"]);
});

test("a patient books in Spanish from the browser's language, then switches the pages to English", async ({ browser }) => {
  test.setTimeout(120_000);
  const details = newPatient("Lucia");
  const patient = await openPatientBrowser(browser, { locale: "es-ES" });
  const page = patient.page;
  try {
    await test.step("the booking page is Spanish, with a language menu set to Spanish", async () => {
      await page.goto(tenantUrl(SUNSET, "/book"));
      await expect(page.getByRole("heading", { level: 1, name: "Pedir una cita" })).toBeVisible();
      await expect(page).toHaveTitle(/Pedir una cita/);
      await expect(page.getByRole("combobox", { name: "Idioma" })).toHaveValue("es");
      await expect(page.locator("[lang=es]").first()).toBeVisible();
    });

    await test.step("type, provider and a time, with Spanish dates in the clinic's zone", async () => {
      await page
        .getByRole("region", { name: "¿Qué tipo de cita necesita?" })
        .getByRole("button", { name: new RegExp(`^${TYPE}`) })
        .click();
      const mode = page.getByRole("region", { name: "¿En persona o por vídeo?" });
      const provider = page.getByRole("region", { name: "¿Con quién quiere la cita?" });
      await expect(mode.or(provider)).toBeVisible();
      if (await mode.isVisible()) await mode.getByRole("button", { name: /^En persona/ }).click();
      await provider.getByRole("button", { name: new RegExp(`^${PROVIDER}`) }).click();

      const time = page.getByRole("region", { name: "Elija una hora" });
      await expect(time).toContainText("Las horas se muestran en");
      const grid = time.getByRole("grid");
      await expect(grid).toBeVisible({ timeout: 15_000 });
      await expect(grid).not.toHaveAttribute("aria-busy", "true", { timeout: 15_000 });
      await expect(time.getByRole("heading", { level: 3 }).first()).toHaveText(SPANISH_MONTH);
      const free = grid.getByRole("button", { name: /, con horas libres$/ });
      for (let month = 0; month < 4 && !(await free.count()); month++) {
        await time.getByRole("button", { name: "Mes siguiente" }).click();
        await expect(grid).not.toHaveAttribute("aria-busy", "true", { timeout: 15_000 });
      }
      await free.first().click();
      // es-ES writes times on a 24-hour clock: "9:00", "14:30".
      const slots = time.getByRole("button", { name: /^\d{1,2}:\d{2}/ });
      await expect(slots.first()).toBeVisible({ timeout: 15_000 });
      await expect(time.getByRole("list", { name: /^Horas libres el / })).toBeVisible();
      const day = squash((await time.locator("h3").last().textContent()) ?? "");
      expect(day).toMatch(SPANISH_WEEKDAY);
      await expectNoSeriousAxeViolations(page, "the Spanish time step");
      await slots.first().click();
    });

    const form = page.getByRole("region", { name: "Sus datos" });
    await test.step("the server's objection to a birth date in the future is shown in Spanish", async () => {
      await expect(form).toContainText("Le reservamos esta hora durante unos minutos.");
      await expect(form).toContainText("Cambios y cancelaciones");
      await form.getByLabel("Nombre", { exact: true }).fill(details.firstName);
      await form.getByLabel("Apellidos").fill(details.lastName);
      await form.getByLabel("Fecha de nacimiento").fill("2999-01-01");
      await form.getByLabel("Correo electrónico").fill(details.email);
      await form.getByRole("button", { name: "Reservar cita" }).click();
      await expect(form.getByRole("alert")).toContainText("Revise este campo:");
      await expect(form.getByRole("alert")).toContainText("Fecha de nacimiento: La fecha de nacimiento no puede ser posterior a hoy.");
      await expectNoSeriousAxeViolations(page, "the Spanish details step with an error");
    });

    await test.step("booked: the manage page speaks Spanish and writes the date in Spanish", async () => {
      await form.getByLabel("Fecha de nacimiento").fill(details.dateOfBirth);
      await form.getByRole("button", { name: "Reservar cita" }).click();
      await expect(page.getByRole("status").filter({ hasText: `¡Cita reservada, ${details.firstName}!` })).toBeVisible({ timeout: 15_000 });
      await expect(page).toHaveTitle(/Su cita/);
      const when = page.locator("dt", { hasText: /^Cuándo$/ }).locator("xpath=following-sibling::dd[1]");
      await expect(when).toHaveText(SPANISH_WEEKDAY);
      await expect(page.getByRole("heading", { name: "Añadir a su calendario" })).toBeVisible();
      await expectNoSeriousAxeViolations(page, "the Spanish manage page");
    });

    await test.step("the confirmation e-mail went out in Spanish", async () => {
      await expect
        .poll(async () => (await outbox(sunsetOwner())).find((m) => m.toEmail === details.email && m.kind === "confirmation")?.subject)
        .toMatch(/^Su cita está confirmada — /);
    });

    await test.step("the language menu turns the page English, and the choice stays", async () => {
      await page.getByRole("combobox", { name: "Idioma" }).selectOption("en");
      await expect(page.getByRole("combobox", { name: "Language" })).toHaveValue("en");
      await expect(page.locator("dt", { hasText: /^When$/ })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Add to your calendar" })).toBeVisible();
      await expect(page).toHaveTitle(/Your appointment/);
      await expectNoSeriousAxeViolations(page, "the manage page switched to English");
      await page.goto(tenantUrl(SUNSET, "/book"));
      await expect(page.getByRole("heading", { level: 1, name: "Book an appointment" })).toBeVisible();
    });
  } finally {
    await patient.close();
  }
});

test("a waiting-list offer's claim page and the e-mail confirmation page open in Spanish for a browser preferring it", async ({
  browser,
}) => {
  const patient = await openPatientBrowser(browser, { locale: "es-ES" });
  const page = patient.page;
  try {
    await test.step("the claim page: Spanish words, a language menu set to Spanish, and a refusal in Spanish", async () => {
      await page.goto(tenantUrl(SUNSET, "/waitlist/claim/not-a-real-offer-token"));
      await expect(page.getByRole("heading", { level: 1, name: "Hay una hora libre para usted" })).toBeVisible();
      await expect(page).toHaveTitle(/Aceptar una cita/);
      await expect(page.getByRole("combobox", { name: "Idioma" })).toHaveValue("es");
      await expect(page.locator("[lang=es]").first()).toBeVisible();
      await expectNoSeriousAxeViolations(page, "the Spanish claim page");
      await page.getByRole("button", { name: "Aceptar esta cita" }).click();
      await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("Este enlace no es válido o ha caducado.");
      await expectNoSeriousAxeViolations(page, "the Spanish claim page with its refusal");
    });

    await test.step("the e-mail confirmation page: Spanish words, and a link that is not valid said in Spanish", async () => {
      await page.goto(tenantUrl(SUNSET, "/confirm-email/not-a-real-confirmation-token"));
      await expect(page.getByRole("heading", { level: 1, name: "Confirme su dirección de correo electrónico" })).toBeVisible();
      await expect(page).toHaveTitle(/Confirme su correo electrónico/);
      await expect(page.getByRole("combobox", { name: "Idioma" })).toHaveValue("es");
      await page.getByRole("button", { name: "Confirmar mi dirección de correo electrónico" }).click();
      await expect(page.getByRole("status").filter({ hasText: /\S/ })).toHaveText(/^Este enlace no es válido/);
      await expectNoSeriousAxeViolations(page, "the Spanish e-mail confirmation page");
    });
  } finally {
    await patient.close();
  }
});
