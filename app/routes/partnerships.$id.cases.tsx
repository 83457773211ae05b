import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { MatterForm, ReportShortcoming } from "~/components/cases/OpenCaseForms";
import { Notice } from "~/components/Field";
import { DataTable } from "~/components/DataTable";
import { accusableParties } from "~/domain/case-capabilities";
import { isClosed, isOverdue } from "~/domain/cases";
import { CaseStage } from "~/components/cases/CaseStage";
import { formatDateTime, type MessageKey } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { requirePartnershipCaseCapabilities } from "~/services/case-access.server";
import { casesOf, nextDeadline } from "~/services/cases.server";

export const meta = titled("cases.title");

/** The partnership's cases, open and closed, and the forms for the cases the user may open today. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { can, facts, today, parties } = await requirePartnershipCaseCapabilities(context.db, user, params.id!);
  const rows = await casesOf(context.db, params.id!);
  const list = rows.map((c) => ({
    id: c.id,
    kind: c.kind,
    stage: c.stage,
    title: c.title,
    concerns: c.concerns,
    deadline: nextDeadline(c),
    overdue: isOverdue(nextDeadline(c), today),
    updatedAt: c.updatedAt.toISOString(),
  }));
  const accusable = accusableParties(facts, today);
  return {
    id: params.id!,
    canReport: can.reportShortcoming === true,
    canRaiseDispute: can.raiseDispute === true,
    canRaiseInformation: can.raiseInformation === true,
    canRequestRenegotiation: can.requestRenegotiation === true,
    // A party reports another party; the coordinator may report any.
    accusable: parties.filter((p) => accusable.includes(p.id)).map((p) => ({ id: p.id, name: p.name })),
    // Arrived here from escalating a disagreement in a cooperation group.
    escalated: new URL(request.url).searchParams.has("escalated"),
    open: list.filter((c) => !isClosed(c.kind, c.stage)),
    closed: list.filter((c) => isClosed(c.kind, c.stage)),
  };
}

export default function Cases() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("cases.title")}</h1>
      <p>{t("cases.intro")}</p>
      <Notice message={d.escalated ? t("case.escalated") : undefined} />

      <section aria-labelledby="open-h">
        <h2 id="open-h">{t("cases.open")}</h2>
        <CaseTable rows={d.open} empty="cases.none" label="cases.open" />
      </section>

      {d.canReport ? <ReportShortcoming partnershipId={d.id} accusable={d.accusable} /> : <p className="muted">{t("cases.notParty")}</p>}
      {d.canRaiseDispute ? <MatterForm partnershipId={d.id} kind="dispute" /> : null}
      {d.canRaiseInformation ? <MatterForm partnershipId={d.id} kind="information" /> : null}
      {d.canRequestRenegotiation ? <MatterForm partnershipId={d.id} kind="renegotiation" /> : null}

      <section aria-labelledby="closed-h">
        <h2 id="closed-h">{t("cases.closed")}</h2>
        <CaseTable rows={d.closed} empty="cases.noneClosed" label="cases.closed" />
      </section>
    </div>
  );
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["open"][number];

function CaseTable({ rows, empty, label }: { rows: Row[]; empty: MessageKey; label: MessageKey }) {
  const t = useT();
  const locale = useLocale();
  if (!rows.length) return <p className="empty">{t(empty)}</p>;
  return (
    <DataTable label={t(label)} headers={[t("cases.colTitle"), t("cases.colKind"), t("cases.colStage"), t("cases.colDeadline"), t("cases.colUpdated")]}>
      {rows.map((c) => (
        <tr key={c.id}>
          <td>
            <Link to={`/cases/${c.id}`}>{c.title}</Link>
            {c.concerns ? <span className="muted"> ({c.concerns})</span> : null}
          </td>
          <td>{t(`case.kind.${c.kind}`)}</td>
          <td>
            <CaseStage kind={c.kind} stage={c.stage} overdue={c.overdue} />
          </td>
          <td>{c.deadline ?? "—"}</td>
          <td>{formatDateTime(c.updatedAt, locale)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
