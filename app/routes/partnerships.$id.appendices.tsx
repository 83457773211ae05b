import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { NewAppendix } from "~/components/appendices/NewAppendix";
import { ReviseAppendix } from "~/components/appendices/ReviseAppendix";
import { forParty } from "~/domain/partnership-capabilities";
import { createAppendixSchema } from "~/forms/appendix";
import { parseForm } from "~/forms/parse";
import { readForm } from "~/http/form.server";
import { answer, badForm, failed, refusal } from "~/http/result.server";
import { formatDateTime } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { createAppendix, currentAppendices } from "~/services/appendices.server";
import { requirePartnershipCapabilities } from "~/services/partnership-access.server";

export const meta = titled("appendix.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { parties, can } = await requirePartnershipCapabilities(context.db, user, params.id!);
  const rows = await currentAppendices(context.db, params.id!);
  return {
    id: params.id!,
    // The parties the user may register an appendix for: a coordinator, for those taking part.
    parties: parties.filter((p) => forParty(can.createAppendix, p.id) === true).map((p) => ({ id: p.id, name: p.name })),
    appendices: rows
      .map((r) => ({ ...r, changedAt: r.changedAt.toISOString(), canRevise: forParty(can.reviseAppendix, r.partyId) === true }))
      .sort((a, b) => a.partyName.localeCompare(b.partyName, "sv") || a.title.localeCompare(b.title, "sv")),
  };
}

/** A coordinator registers a new appendix for a party taking part, with the reason or decision (004 §2.1). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { can } = await requirePartnershipCapabilities(context.db, user, params.id!);
  const form = await readForm(request);
  const refused = refusal(forParty(can.createAppendix, String(form.get("partyId") ?? "")));
  if (refused) return failed({ ...refused, field: "partyId" });
  const parsed = parseForm(createAppendixSchema, form);
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  return answer(await createAppendix(context.db, params.id!, parsed.data, user), () => "appendix.created");
}

export default function Appendices() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("appendix.title")}</h1>
      <p>{t("appendix.intro")}</p>
      {d.appendices.length === 0 ? <p className="empty">{t("appendix.empty")}</p> : null}
      {d.appendices.map((a) => (
        <article key={a.id} className="card appendix">
          <h2>
            {a.title} <span className="muted">({a.partyName})</span>
          </h2>
          <p className="muted">
            {t("appendix.versionLine", { version: a.version, date: formatDateTime(a.changedAt, locale), by: a.changedBy })}{" "}
            <Link to={`/partnerships/${d.id}/appendices/${a.id}`}>{t("appendix.history")}</Link>
          </p>
          <div className="prewrap">{a.commitments}</div>
          <p>
            <strong>{t("appendix.reason")}:</strong> {a.reason}
          </p>
          {a.canRevise ? <ReviseAppendix partnershipId={d.id} appendix={a} /> : null}
        </article>
      ))}
      {d.parties.length ? <NewAppendix partnershipId={d.id} parties={d.parties} /> : null}
    </div>
  );
}
