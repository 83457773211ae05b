import { useFetcher } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import { SelectField, TextArea } from "~/components/Field";
import { useT } from "~/i18n/use-t";
import type { ActionData } from "~/services/result";
import type { OverviewView } from "~/services/reports.server";
import { DecisionChoice, type DecisionOption } from "./DecisionChoice";

/** The steering group's review of each report's accounts awaiting it (000 §9), recorded from its adopted decision. */
export function AccountsReview({ id, parties, decisions }: { id: string; parties: OverviewView["parties"]; decisions: readonly DecisionOption[] }) {
  const t = useT();
  const awaiting = parties.filter((p) => p.report && p.accounts === "submitted");
  if (!awaiting.length) return null;
  return (
    <section aria-labelledby="review-h">
      <h2 id="review-h">{t("report.reviewHeading")}</h2>
      {awaiting.map((p) => (
        <ReviewForm key={p.id} id={id} party={p} decisions={decisions} />
      ))}
    </section>
  );
}

function ReviewForm({ id, party: p, decisions }: { id: string; party: OverviewView["parties"][number]; decisions: readonly DecisionOption[] }) {
  const t = useT();
  const review = useFetcher<ActionData>();
  const e = review.data?.fieldErrors ?? {};
  return (
    <review.Form method="post" action={`/partnerships/${id}/reports/reviews`} className="stack" noValidate aria-labelledby={`review-${p.id}`}>
      <h3 id={`review-${p.id}`}>{t("report.reviewFor", { party: p.name })}</h3>
      <ActionMessages data={review.data} />
      <input type="hidden" name="reportId" value={p.report!.id} />
      <DecisionChoice decisions={decisions} id={`review-${p.id}-decision`} error={e.decisionId} />
      <SelectField
        name="outcome"
        id={`review-${p.id}-outcome`}
        label={t("report.reviewOutcome")}
        options={[
          { value: "approved", label: t("report.review.approved") },
          { value: "sent_back", label: t("report.review.sent_back") },
        ]}
      />
      <TextArea name="note" id={`review-${p.id}-note`} label={t("report.reviewNote")} rows={2} error={e.note} />
      {decisions.length ? <button type="submit">{t("report.reviewSave")}</button> : null}
    </review.Form>
  );
}
