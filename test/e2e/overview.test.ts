import { expect, it } from "vitest";
import { expectAccessible } from "../support/browser";
import { e2eEnvironment } from "../support/e2e";
import { loggedInPage } from "../support/e2e-login";

const env = e2eEnvironment();

it("the overview names each meeting's partnership, shows my answer, minutes to approve and open cases with stage and deadline, and no drafts", async () => {
  // Stockholm's steering group: its next convened meeting, a past one whose minutes await Ahmed's approval,
  // a draft never convened, and a shortcoming whose action plan was due in January.
  const [s] = await env.db.sql`
    select g.id as "group", p.id as partnership,
      (select m.id from meetings m where m.group_id = g.id and m.status = 'noticed' and m.starts_at > now() order by m.starts_at limit 1) as next,
      (select m.id from meetings m where m.group_id = g.id and m.starts_at < now() order by m.starts_at desc limit 1) as past,
      (select pa.id from parties pa where pa.partnership_id = p.id and pa.sector = 'idea' limit 1) as party,
      (select u.id from users u where u.email = 'stockholm.bo-gotland@samrad.test') as ahmed
    from partnerships p join groups g on g.partnership_id = p.id and g.kind = 'steering'
    where p.reference_number = '2021/630'`;
  await env.db.sql`insert into attendance (meeting_id, user_id, rsvp) values (${s.next}, ${s.ahmed}, 'attending')`;
  await env.db.sql`
    insert into minutes (meeting_id, status, adjusters, chair_id) values (${s.past}, 'for_approval', array[${s.ahmed}]::uuid[], null)
    on conflict (meeting_id) do update set status = 'for_approval', adjusters = excluded.adjusters`;
  await env.db.sql`
    insert into meetings (group_id, kind, title, starts_at, ends_at, location, status, created_by)
    select group_id, kind, 'Utkast som aldrig kallats', starts_at + interval '7 days', ends_at + interval '7 days', location, 'draft', created_by from meetings where id = ${s.next}`;
  await env.db.sql`
    insert into cases (partnership_id, kind, stage, title, description, concerns_party, commitment, plan_due_on, created_by)
    values (${s.partnership}, 'shortcoming', 'planRequired', 'Jourtelefonen obemannad i oktober', 'Telefonen var obemannad.', ${s.party}, 'Bilaga 1', '2026-01-15', ${s.ahmed})`;

  const ahmed = await loggedInPage(env.browser, env.server.url, "stockholm.bo-gotland@samrad.test");
  const meetings = ahmed.getByRole("region", { name: "Mina nästa möten" });
  const next = meetings.getByRole("listitem").filter({ hasText: "Styrgruppen – möte" }).first();
  await next.waitFor();
  expect(await next.textContent()).toContain("Styrgruppen, IOP Socialförvaltningen Stockholm – Brottsofferjourerna");
  expect(await next.textContent()).toContain("Du kommer");
  expect(await meetings.getByText("Utkast som aldrig kallats").count()).toBe(0);

  const approvals = ahmed.getByRole("region", { name: "Protokoll som väntar på din justering" });
  await approvals.getByRole("link", { name: /^Justera protokollet: / }).waitFor();
  expect(await approvals.textContent()).toContain("IOP Socialförvaltningen Stockholm – Brottsofferjourerna");

  const cases = ahmed.getByRole("region", { name: "Öppna ärenden" });
  const row = cases.getByRole("listitem").filter({ hasText: "Jourtelefonen obemannad i oktober" });
  await row.waitFor();
  expect(await row.textContent()).toContain("Åtgärdsplan begärd");
  expect(await row.textContent()).toContain("senast 2026-01-15");
  await row.getByText("Försenad").waitFor();
  await expectAccessible(ahmed);

  await row.getByRole("link", { name: "Jourtelefonen obemannad i oktober" }).click();
  await ahmed.getByRole("heading", { level: 1, name: "Jourtelefonen obemannad i oktober" }).waitFor();
  await ahmed.getByText("Försenad").first().waitFor();

  // The coordinator sees every partnership's meetings; two groups with the same name are told apart.
  const admin = await loggedInPage(env.browser, env.server.url, "admin@samrad.test");
  const lines = await admin.getByRole("region", { name: "Mina nästa möten" }).getByRole("listitem").allTextContents();
  expect(lines.length).toBeGreaterThan(1);
  for (const line of lines) expect(line).toMatch(/, IOP /);
  expect(new Set(lines).size).toBe(lines.length);
  expect(lines.join(" ")).not.toContain("Utkast som aldrig kallats");
  await expectAccessible(admin);
});
