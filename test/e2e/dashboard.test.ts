import { expect, it } from "vitest";
import { stockholmDate } from "../../app/domain/stockholm-date";
import { currentReportYear } from "../../app/domain/yearly-report";
import { expectAccessible } from "../support/browser";
import { e2eEnvironment } from "../support/e2e";
import { loggedInPage } from "../support/e2e-login";

const env = e2eEnvironment();

it("a member's overview lists what waits for their party and leads straight to it", async () => {
  const year = currentReportYear(stockholmDate(new Date()));
  // Linköping: the municipality proposes a decision per capsulum to the steering group.
  await env.db.sql`
    insert into decisions (group_id, kind, year, number, text, proposed_by)
    select g.id, 'per_capsulum', 2026, 1, 'Jourens chattöppettider utökas till fem kvällar', u.id
    from groups g join partnerships p on p.id = g.partnership_id, users u
    where p.name like '%Linköping%' and g.kind = 'steering' and u.email = 'linkoping.kommun@samrad.test'`;

  const jouren = await loggedInPage(env.browser, env.server.url, "linkoping.jouren@samrad.test");
  await jouren.getByRole("heading", { level: 2, name: "Beslut som väntar på din parts ställningstagande" }).waitFor();
  await jouren.getByText("Inga ändringar väntar på din underskrift.").waitFor();
  // Linköping's agreement (002) sets no date for the yearly report, so nothing is overdue or due soon.
  expect(await jouren.getByRole("link", { name: `Årsrapport ${year}, Kvinnojouren Ellinor och Tjejjouren Beata`, exact: false }).count()).toBe(0);
  await expectAccessible(jouren);

  await jouren.getByRole("link", { name: "SG 2026 § 1" }).click();
  await jouren.getByText("Jourens chattöppettider utökas till fem kvällar").first().waitFor();
  await expectAccessible(jouren);
});
