import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { ApplyPeriodRule } from "~/components/amendment/ApplyPeriodRule";
import { EditText } from "~/components/amendment/EditText";
import { Signatures } from "~/components/amendment/Signatures";
import { PartnershipTabs } from "~/components/PartnershipTabs";
import { PeriodRuleText } from "~/components/PeriodRuleFields";
import { formatDateTime } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { requireAmendmentCapabilities } from "~/services/partnership-access.server";
import { AmendmentStage } from "~/components/amendment/AmendmentStage";

export const meta = titled("amendment.pageTitle");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const { amendment: a, detail, signsFor, can } = await requireAmendmentCapabilities(context.db, user, params.id);
  const live = detail.signatures.filter((s) => !s.voidedAt);
  return {
    amendment: {
      id: a.id,
      partnershipId: a.partnershipId,
      title: a.title,
      text: a.text,
      textSha256: a.textSha256,
      periodRule: a.periodRule,
      validAt: a.validAt?.toISOString() ?? null,
      appliedAt: a.appliedAt?.toISOString() ?? null,
    },
    stage: detail.stage,
    appendix: detail.appendix,
    parties: detail.parties.map((p) => {
      const s = live.find((x) => x.partyId === p.id);
      return { id: p.id, name: p.name, signature: s ? { signer: s.signer, signedAt: s.signedAt.toISOString(), textSha256: s.textSha256 } : null };
    }),
    voided: detail.signatures
      .filter((s) => s.voidedAt)
      .map((s) => ({ id: s.id, signer: s.signer, party: detail.parties.find((p) => p.id === s.partyId)?.name ?? "", signedAt: s.signedAt.toISOString(), voidedAt: s.voidedAt!.toISOString() })),
    signFor: can.sign === true ? (detail.parties.find((p) => p.id === signsFor)?.name ?? null) : null,
    canEdit: can.edit === true,
    canApply: can.applyPeriodRule === true,
  };
}

export default function Amendment() {
  const t = useT();
  const locale = useLocale();
  const d = useLoaderData<typeof loader>();
  const a = d.amendment;
  const signedCount = d.parties.filter((p) => p.signature).length;
  return (
    <div className="page">
      <PartnershipTabs id={a.partnershipId} current="amendments" />
      <p>
        <Link to={`/partnerships/${a.partnershipId}/amendments`}>{t("amendment.back")}</Link>
      </p>
      <h1>{a.title}</h1>
      <p>
        <AmendmentStage stage={d.stage} />{" "}
        {a.validAt ? t("amendment.validSince", { date: formatDateTime(a.validAt, locale) }) : t("amendment.signedCount", { signed: signedCount, total: d.parties.length })}
      </p>
      <p>
        {t("amendment.appendix")}: {d.appendix ?? t("amendment.appendixNone")}
      </p>
      <div className="amendment-text">
        {a.text.split(/\n{2,}/).map((para, i) => (
          <p key={i}>{para}</p>
        ))}
      </div>
      {a.periodRule ? (
        <p>
          <strong>{t("amendment.periodRule")}:</strong> <PeriodRuleText rule={a.periodRule} />
          {a.appliedAt ? ` ${t("amendment.appliedAt", { date: formatDateTime(a.appliedAt, locale) })}` : null}
        </p>
      ) : null}
      <p className="muted">
        {t("amendment.hash")}: <code>{a.textSha256}</code>
      </p>

      <Signatures amendment={a} parties={d.parties} voided={d.voided} signFor={d.signFor} />
      <ApplyPeriodRule amendmentId={a.id} can={d.canApply} />
      {d.canEdit ? <EditText amendment={a} signedCount={signedCount} /> : null}
    </div>
  );
}
