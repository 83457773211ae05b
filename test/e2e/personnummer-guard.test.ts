import { expect, it } from "vitest";
import { expectAccessible } from "../support/browser";
import { stockholmSteeringMeetings } from "../support/demo";
import { e2eEnvironment } from "../support/e2e";
import { loggedInPage } from "../support/e2e-login";

const env = e2eEnvironment();

it("a personnummer is marked in the minutes as it is typed, for everyone writing, and quoted in whole words", async () => {
  const id = (await stockholmSteeringMeetings(env.db.sql)).at(-1)!;
  const url = `${env.server.url}/meetings/${id}?fas=under`;
  const open = async (email: string) => {
    const page = await loggedInPage(env.browser, env.server.url, email);
    await page.goto(url);
    await page.getByRole("textbox", { name: "Protokollets text" }).waitFor();
    await page.getByText("Ansluten", { exact: false }).first().waitFor();
    return page;
  };
  const ahmed = await open("stockholm.bo-gotland@samrad.test");
  const ingrid = await open("stockholm.bo-sodra@samrad.test");
  const editor = ahmed.getByRole("textbox", { name: "Protokollets text" });
  await editor.getByText("§ 1 Mötets öppnande").waitFor();

  await editor.locator("p").first().click();
  await ahmed.keyboard.type("Ordföranden berättade att klienten 811218-98");
  // Not a valid number yet: nothing is marked, nothing is said.
  expect(await editor.locator("[data-personnummer]").count()).toBe(0);
  expect(await ahmed.getByText("som ser ut som personnummer", { exact: false }).count()).toBe(0);

  await ahmed.keyboard.type("76 fick stöd under hösten.");
  // The number itself is marked in the editor while the cursor is still there...
  await editor.locator("[data-personnummer]", { hasText: "811218-9876" }).waitFor();
  expect(await editor.locator("[data-personnummer]").textContent()).toBe("811218-9876");
  // ...the page says so, quoting whole words around it...
  const warning = ahmed.getByRole("status").filter({ hasText: "som ser ut som personnummer" });
  await warning.waitFor();
  expect(await warning.locator("q").textContent()).toBe("Ordföranden berättade att klienten 811218-9876 fick stöd under hösten.");
  // ...and the other writer sees the same mark.
  await ingrid.getByRole("textbox", { name: "Protokollets text" }).locator("[data-personnummer]", { hasText: "811218-9876" }).waitFor();
  await expectAccessible(ahmed);

  // Removed, the mark and the warning go.
  for (let i = 0; i < "76 fick stöd under hösten.".length + 2; i++) await ahmed.keyboard.press("Backspace");
  await editor.locator("[data-personnummer]").waitFor({ state: "detached" });
  await warning.waitFor({ state: "detached" });
});
