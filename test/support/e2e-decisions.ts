import type { Page } from "playwright-core";

/** Each page, signed in for a party present with mandate, states agreement with the decision at `url`. */
export async function agreeWithDecision(pages: Page[], url: string) {
  for (const page of pages) {
    await page.goto(url);
    await page.getByLabel("Instämmer").check();
    await page.getByRole("button", { name: "Lämna ställningstagande" }).click();
    await page.getByText("Ställningstagandet är sparat.").waitFor();
  }
}

/** The chair (or a coordinator) closes the decision on `page`; with every party agreeing, it is adopted. */
export async function closeAsAdopted(page: Page) {
  await page.reload();
  await page.getByText("Avsluta beslutet", { exact: true }).click();
  await page.getByRole("button", { name: "Ja, avsluta beslutet" }).click();
  await page.getByText("Beslutet är avslutat.").waitFor();
  await page.getByText("antaget", { exact: true }).waitFor();
}
