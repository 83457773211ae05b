import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/guards.server";
import { forParty } from "~/domain/partnership-capabilities";
import { reviseAppendixSchema } from "~/forms/appendix";
import { parseForm } from "~/forms/parse";
import { readForm } from "~/http/form.server";
import { badForm, done, failed, refusal } from "~/http/result.server";
import { formatDateTime } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { isUuid, requirePartnershipAccess } from "~/services/access.server";
import { appendixHistory, findAppendix, reviseAppendix } from "~/services/appendices.server";
import { requirePartnershipCapabilities } from "~/services/partnership-access.server";

export const meta = titled("appendix.historyTitle");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  await requirePartnershipAccess(context.db, user, params.id!);
  if (!isUuid(params.appendixId)) throw notFound();
  const found = await appendixHistory(context.db, params.id!, params.appendixId);
  if (!found) throw notFound();
  return { id: params.id!, ...found, versions: found.versions.map((v) => ({ ...v, changedAt: v.changedAt.toISOString() })) };
}

/** A coordinator registers a new version of the appendix of a party taking part; the earlier ones are kept (004 §2.1). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const { can } = await requirePartnershipCapabilities(context.db, user, params.id!);
  const appendix = isUuid(params.appendixId) ? await findAppendix(context.db, params.id!, params.appendixId) : null;
  if (!appendix) throw notFound();
  const refused = refusal(forParty(can.reviseAppendix, appendix.partyId));
  if (refused) return failed(refused);
  const parsed = parseForm(reviseAppendixSchema, await readForm(request));
  if (!parsed.ok) return badForm(parsed.fieldErrors);
  if (!(await reviseAppendix(context.db, params.id!, appendix.id, parsed.data, user))) throw notFound();
  return done("appendix.revised");
}

/** Every version of one appendix, newest first, each with who changed it, when and why. */
export default function AppendixHistory() {
  const t = useT();
  const locale = useLocale();
  const { id, appendix, versions } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <p>
        <Link to={`/partnerships/${id}/appendices`}>{t("appendix.back")}</Link>
      </p>
      <h1>
        {appendix.title} <span className="muted">({appendix.partyName})</span>
      </h1>
      <ol reversed className="versions">
        {versions.map((v) => (
          <li key={v.version}>
            <h2>{t("appendix.versionLine", { version: v.version, date: formatDateTime(v.changedAt, locale), by: v.changedBy })}</h2>
            <p>
              <strong>{t("appendix.reason")}:</strong> {v.reason}
            </p>
            <div className="prewrap">{v.commitments}</div>
          </li>
        ))}
      </ol>
    </div>
  );
}
