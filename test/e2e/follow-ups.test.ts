import { it } from "vitest";
import { addDaysIso } from "../../app/domain/iso-date";
import { stockholmDate } from "../../app/domain/stockholm-date";
import { expectAccessible } from "../support/browser";
import { e2eEnvironment } from "../support/e2e";
import { loggedInPage } from "../support/e2e-login";

const env = e2eEnvironment();

it("a follow-up coming due shows on its lead's overview, leads to the follow-ups page, and its outcome is recorded there", async () => {
  // Linköping's yearly evaluation (002), due ten days from today whatever day the test runs.
  const due = addDaysIso(stockholmDate(new Date()), 10);
  await env.db.sql`update follow_ups set due_on = ${due} where title = 'Årlig utvärdering av partnerskapet'`;

  const lead = await loggedInPage(env.browser, env.server.url, "linkoping.kommun@samrad.test");
  const link = lead.getByRole("link", { name: `Årlig utvärdering av partnerskapet (IOP Linköpings kommun – Kvinnojouren Ellinor och Tjejjouren Beata): senast ${due}` });
  await link.waitFor();
  await expectAccessible(lead);
  await link.click();
  await lead.getByRole("heading", { level: 1, name: "Uppföljning och utvärdering" }).waitFor();
  await lead.getByText(`Senast ${due}`).waitFor();
  await lead.getByText("om 10 dagar").waitFor();
  await expectAccessible(lead);

  // Plan a one-off follow-up; the form then closes with its notice.
  await lead.getByText("Planera en uppföljning eller utvärdering").click();
  await lead.getByLabel("Rubrik", { exact: true }).fill("Avstämning av chattens öppettider");
  await lead.getByLabel("Hur ofta").selectOption({ label: "En gång" });
  await lead.getByLabel("Klar senast").fill("2030-06-30");
  await lead.getByLabel("Ansvarig (uppföljningsansvarig)").selectOption({ label: "Sara Lind" });
  await lead.getByRole("button", { name: "Planera" }).click();
  await lead.getByText("Uppföljningen är planerad.").waitFor();
  await lead.reload();
  await lead.getByRole("heading", { level: 3, name: "Uppföljning: Avstämning av chattens öppettider" }).waitFor();

  // Record the evaluation's outcome: done, and the next one planned a year on.
  const card = lead.getByRole("article", { name: "Utvärdering: Årlig utvärdering av partnerskapet" });
  await card.getByText("Registrera resultatet").first().click();
  await card.getByLabel("Genomförd den").fill(due);
  await card.getByLabel("Resultat och slutsatser").fill("Överenskommelsen är aktuell; inget behöver omarbetas.");
  await card.getByRole("button", { name: "Registrera resultatet" }).click();
  await lead.getByText(`Resultatet är registrerat. Nästa är planerad till senast ${addDaysIso(due, 365).slice(0, 4)}`, { exact: false }).waitFor();
  await lead.reload();
  await lead.getByRole("heading", { level: 2, name: "Genomförda" }).waitFor();
  await lead.getByText("Överenskommelsen är aktuell; inget behöver omarbetas.").waitFor();
  await expectAccessible(lead);
});
