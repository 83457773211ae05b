import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { toCsv } from "~/domain/yearly-report";
import { translator } from "~/i18n";
import { requireFunds } from "~/services/funding.server";

/** Every payment with its grant's year and the totals by year, for Excel: Swedish headers whatever the user's language. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { overview } = await requireFunds(context.db, user, params.id!, null);
  const t = translator("sv");
  const rows = [
    [t("funds.year"), t("funds.party"), t("funds.dueOn"), t("funds.amount"), t("funds.status"), t("funds.reference"), t("funds.settledOn")],
    ...overview.payments.map((p) => [String(p.year), p.party, p.dueOn, String(p.amount), t(`funds.status.${p.status}`), p.reference, p.settledOn ?? ""]),
    [],
    [t("funds.year"), t("funds.granted"), t("funds.paid"), t("funds.stoppedTotal"), t("funds.reclaimed"), t("funds.outstanding")],
    ...overview.totals.map((y) => [y.year, y.granted, y.paid, y.stopped, y.reclaimed, y.outstanding].map(String)),
  ];
  return new Response(toCsv(rows), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="ekonomi.csv"`,
      "cache-control": "private, no-store",
    },
  });
}
