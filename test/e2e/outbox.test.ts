import { expect, it } from "vitest";
import { expectAccessible } from "../support/browser";
import { e2eEnvironment } from "../support/e2e";
import { loggedInPage } from "../support/e2e-login";

const env = e2eEnvironment();

it("the administrator sees mail that failed or may have arrived, and sends one again after a warning", async () => {
  const sql = env.db.sql;
  const [failed] = await sql<{ id: number }[]>`
    insert into outbox ("to", subject, body, status, attempts, last_error)
    values ('fel.adress@jouren.se', 'Kallelse: Styrgruppen – januari', 'Hej!', 'failed', 1, '550 5.1.1 No such mailbox') returning id`;
  await sql`
    insert into outbox ("to", subject, body, status, attempts, last_error)
    values ('anna@jouren.se', 'Protokoll att justera', 'Hej!', 'uncertain', 1, 'Avbröts under sändning: okänt om den kom fram.')`;

  const admin = await loggedInPage(env.browser, env.server.url, "admin@samrad.test");
  await admin.goto(`${env.server.url}/admin/outbox`);
  await admin.getByRole("heading", { level: 1, name: "Utkorg" }).waitFor();
  // The test server has no SMTP_URL: the page says nothing is being sent.
  await admin.getByText("Utskick är avstängt").waitFor();
  const attention = admin.getByRole("region", { name: "Behöver åtgärdas" });
  const uncertain = attention.getByRole("article").filter({ hasText: "Protokoll att justera" });
  await uncertain.getByText("Osäker – kan ha kommit fram").waitFor();
  await expectAccessible(admin);

  await uncertain.getByText("Skicka igen", { exact: true }).click();
  await uncertain.getByText("kan mottagaren få den två gånger").waitFor();
  const failedMail = attention.getByRole("article").filter({ hasText: "Kallelse: Styrgruppen – januari" });
  await failedMail.getByText("550 5.1.1 No such mailbox").waitFor();
  await failedMail.getByText("Skicka igen", { exact: true }).click();
  await expectAccessible(admin);
  await failedMail.getByRole("button", { name: "Ja, skicka igen" }).click();
  await expect(admin.getByRole("status").textContent()).resolves.toBe("E-posten skickas igen.");
  // It has left the list needing attention and waits in the outbox to be sent.
  await failedMail.waitFor({ state: "detached" });
  await admin.getByRole("article").filter({ hasText: "Kallelse: Styrgruppen – januari" }).getByText("Inte skickad").waitFor();
  await expectAccessible(admin);
  expect(await sql`select status, attempts from outbox where id = ${failed.id}`).toEqual([{ status: "pending", attempts: 0 }]);
});
