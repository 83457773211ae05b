import { expect, it } from "vitest";
import { expectAccessible } from "../support/browser";
import { e2eEnvironment } from "../support/e2e";
import { loggedInPage } from "../support/e2e-login";

const env = e2eEnvironment();

it("password reset through the mailed link", async () => {
  const email = "linkoping.jouren@samrad.test";
  const page = await (await env.browser.newContext({ locale: "sv-SE" })).newPage();
  await page.goto(env.server.url + "/login");
  await page.getByRole("link", { name: "Glömt lösenordet?" }).click();
  await page.getByRole("heading", { level: 1, name: "Glömt lösenordet" }).waitFor();
  await expectAccessible(page);

  await page.getByLabel("E-postadress").fill("inte en adress");
  await page.getByRole("button", { name: "Skicka länk" }).click();
  await page.getByText("Ange en giltig e-postadress", { exact: false }).waitFor();
  await expectAccessible(page);

  await page.getByLabel("E-postadress").fill(email);
  await page.getByRole("button", { name: "Skicka länk" }).click();
  await page.getByRole("status").getByText("Om det finns ett konto med den e-postadressen", { exact: false }).waitFor();
  await expectAccessible(page);

  // The mail waits in the outbox; its link is absolute, to this site.
  const [mail] = await env.db.sql<{ subject: string; body: string }[]>`select subject, body from outbox where "to" = ${email} order by id desc limit 1`;
  expect(mail.subject).toBe("Välj ett nytt lösenord i Samråd");
  const link = /(http\S+\/password\/reset\/[a-z2-7]+)/.exec(mail.body)![1];
  expect(link.startsWith(env.server.url + "/password/reset/")).toBe(true);

  await page.goto(link);
  await page.getByRole("heading", { level: 1, name: "Välj ett nytt lösenord" }).waitFor();
  await page.getByText(`Välj ett nytt lösenord för ${email}.`, { exact: false }).waitFor();
  await expectAccessible(page);

  await page.getByLabel("Nytt lösenord (minst 12 tecken)").fill("för kort");
  await page.getByLabel("Upprepa det nya lösenordet").fill("för kort");
  await page.getByRole("button", { name: "Spara nytt lösenord" }).click();
  await page.getByText("Lösenordet måste ha minst 12 tecken.").waitFor();
  await expectAccessible(page);

  await page.getByLabel("Nytt lösenord (minst 12 tecken)").fill("jourens nya lösenord");
  await page.getByLabel("Upprepa det nya lösenordet").fill("jourens nya lösenord");
  await page.getByRole("button", { name: "Spara nytt lösenord" }).click();
  await page.getByText("Ditt lösenord är bytt och du har loggats ut överallt.", { exact: false }).waitFor();
  expect(new URL(page.url()).pathname).toBe("/login");
  await expectAccessible(page);

  // The old password no longer opens the account; the new one does.
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill("samrad-demo");
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.getByRole("alert").getByText("Fel e-postadress eller lösenord.").waitFor();
  await page.getByLabel("Lösenord").fill("jourens nya lösenord");
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.getByRole("heading", { level: 1, name: "Översikt" }).waitFor();

  // The link is used up: it says so, and how to ask again.
  await page.goto(link);
  await page.getByText("Länken har redan använts eller ersatts.", { exact: false }).waitFor();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Begär en ny länk" }).click();
  await page.getByRole("heading", { level: 1, name: "Glömt lösenordet" }).waitFor();
});

it("changes the password in settings with the current one", async () => {
  const page = await loggedInPage(env.browser, env.server.url, "boras.jouren@samrad.test");
  await page.goto(env.server.url + "/settings");
  const section = page.locator("#password-section");
  await section.getByRole("heading", { name: "Byt lösenord" }).waitFor();
  await expectAccessible(page);

  await section.getByLabel("Nuvarande lösenord").fill("fel lösenord");
  await section.getByLabel("Nytt lösenord (minst 12 tecken)").fill("borås nya lösenord");
  await section.getByLabel("Upprepa det nya lösenordet").fill("borås nya lösenord");
  await section.getByRole("button", { name: "Byt lösenord" }).click();
  await section.getByRole("alert").getByText("Fel lösenord. Lösenordet har inte bytts.").waitFor();
  await expectAccessible(page);

  await section.getByLabel("Nuvarande lösenord").fill("samrad-demo");
  await section.getByRole("button", { name: "Byt lösenord" }).click();
  await section.getByRole("status").getByText("Ditt lösenord är bytt.", { exact: false }).waitFor();
  await expect.poll(() => section.getByLabel("Nuvarande lösenord").inputValue()).toBe("");
  await expectAccessible(page);
  // Still signed in here.
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Inställningar" }).waitFor();
});
