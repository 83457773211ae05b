import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { historySentence, kindOf } from "~/domain/history";
import { stockholmParts } from "~/domain/stockholm-date";
import { toCsv } from "~/domain/yearly-report";
import { parseHistoryFilter } from "~/forms/history-filter";
import { translator, type MessageKey } from "~/i18n";
import { requirePartnershipAccess } from "~/services/access.server";
import { partnershipHistoryForExport } from "~/services/history.server";

/**
 * The filtered history for Excel, as funding.csv: semicolons, a BOM, Swedish headers and sentences
 * whatever the user's language, Stockholm local times; the stored record's details as JSON beside each.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  await requirePartnershipAccess(context.db, user, params.id!);
  const { filter } = parseHistoryFilter(new URL(request.url).searchParams);
  const { rows, names } = await partnershipHistoryForExport(context.db, params.id!, filter);
  const t = translator("sv");
  const csv = toCsv([
    ["history.csv.when", "history.csv.who", "history.csv.kind", "history.csv.what", "history.csv.action", "history.csv.subject", "history.csv.details"].map((k) =>
      t(k as MessageKey)
    ),
    ...rows.map((r) => {
      const { date, time } = stockholmParts(r.at);
      return [
        `${date} ${time}`,
        r.actor ?? "",
        t(`history.kind.${kindOf(r.action)}` as MessageKey),
        historySentence(t, "sv", r, names),
        r.action,
        r.subject ?? "",
        JSON.stringify(r.details),
      ];
    }),
  ]);
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="historik.csv"`,
      "cache-control": "private, no-store",
    },
  });
}
