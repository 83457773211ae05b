import { expect, it } from "vitest";
import { expectAccessible } from "../support/browser";
import { e2eEnvironment } from "../support/e2e";
import { loggedInPage } from "../support/e2e-login";

const env = e2eEnvironment();

it("admin invites, the invitee accepts by the e-mailed link, logs in, switches to English and logs out", async () => {
  const admin = await loggedInPage(env.browser, env.server.url, "admin@samrad.test");
  await expectAccessible(admin);

  await admin.getByRole("link", { name: "Inbjudningar" }).click();
  await admin.getByRole("heading", { level: 1, name: "Inbjudningar" }).waitFor();
  await expectAccessible(admin);
  await admin.getByLabel("E-postadress").fill("ny.ledamot@jouren.se");
  await admin.getByRole("button", { name: "Skicka inbjudan" }).click();
  await expect(admin.getByRole("status").textContent()).resolves.toBe("Inbjudan har skickats till ny.ledamot@jouren.se.");
  await admin.getByRole("cell", { name: "Väntar" }).waitFor();
  await expectAccessible(admin);

  // The mail waits in the outbox, which only the administrator sees; the invitee gets its link.
  await admin.getByRole("link", { name: "Utkorg" }).click();
  await admin.getByRole("heading", { level: 1, name: "Utkorg" }).waitFor();
  await expectAccessible(admin);
  const href = await admin.getByRole("article").filter({ hasText: "ny.ledamot@jouren.se" }).getByRole("link").getAttribute("href");
  expect(href).toMatch(new RegExp(`^${env.server.url}/invite/[a-z2-7]{32}$`));
  const invitee = await (await env.browser.newContext({ locale: "sv-SE" })).newPage();
  await invitee.goto(href!);

  await invitee.getByRole("heading", { level: 1, name: "Skapa ditt konto" }).waitFor();
  await expectAccessible(invitee);
  await invitee.getByLabel("Namn").fill("Nora Ledamot");
  await invitee.getByLabel("Lösenord (minst 12 tecken)").fill("för kort");
  await invitee.getByLabel("Upprepa lösenordet").fill("för kort");
  await invitee.getByRole("button", { name: "Skapa konto" }).click();
  await invitee.getByText("Lösenordet måste ha minst 12 tecken.").waitFor();
  await expectAccessible(invitee);

  await invitee.getByLabel("Lösenord (minst 12 tecken)").fill("ett långt lösenord");
  await invitee.getByLabel("Upprepa lösenordet").fill("ett långt lösenord");
  await invitee.getByRole("button", { name: "Skapa konto" }).click();
  await invitee.getByText("Ditt konto är skapat.", { exact: false }).waitFor();
  await expectAccessible(invitee);

  // The link is now used up.
  await invitee.goto(href!);
  await invitee.getByText("Inbjudningslänken har redan använts.", { exact: false }).waitFor();
  await expectAccessible(invitee);

  await invitee.goto(env.server.url + "/login");
  await invitee.getByLabel("E-postadress").fill("ny.ledamot@jouren.se");
  await invitee.getByLabel("Lösenord").fill("ett långt lösenord");
  await invitee.getByRole("button", { name: "Logga in" }).click();
  await invitee.getByText("Välkommen, Nora Ledamot.").waitFor();

  await invitee.getByRole("button", { name: "In English" }).click();
  await invitee.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
  expect(await invitee.getAttribute("html", "lang")).toBe("en");
  await expectAccessible(invitee);

  await invitee.getByRole("button", { name: "Sign out" }).click();
  await invitee.getByText("You have signed out.").waitFor();
  expect(new URL(invitee.url()).pathname).toBe("/login");
  expect((await invitee.context().cookies()).map((c) => c.name)).not.toContain("samrad_session");
  await expectAccessible(invitee);

  // Going back does not reopen a page: the session is revoked on the server.
  await invitee.goto(env.server.url + "/");
  expect(new URL(invitee.url()).pathname).toBe("/login");

  await admin.getByRole("link", { name: "Inbjudningar" }).click();
  await admin.getByRole("cell", { name: "Accepterad" }).waitFor();
});
