import { useFetcher } from "@remix-run/react";
import { ActionMessages } from "~/components/ActionMessages";
import { SelectField, TextArea } from "~/components/Field";
import { AccountsText } from "~/components/ReportOverview";
import { useT } from "~/i18n/use-t";
import type { ActionData } from "~/services/result";
import type { OverviewView } from "~/services/reports.server";
import { DecisionChoice, type DecisionOption } from "./DecisionChoice";

/** The steering group's review of each filed report's accounts (000 §9), recorded from its adopted decision. */
export function AccountsReview({ id, parties, decisions }: { id: string; parties: OverviewView["parties"]; decisions: readonly DecisionOption[] }) {
  const t = useT();
  const filed = parties.filter((p) => p.report && p.accounts);
  if (!filed.length) return null;
  return (
    <section aria-labelledby="review-h">
      <h2 id="review-h">{t("report.reviewHeading")}</h2>
      {filed.map((p) => (
        <ReviewForm key={p.id} id={id} party={p} decisions={decisions} />
      ))}
    </section>
  );
}

/** One report's accounts: the form while they await review, else where they stand (the answer to the review stays in view). */
function ReviewForm({ id, party: p, decisions }: { id: string; party: OverviewView["parties"][number]; decisions: readonly DecisionOption[] }) {
  const t = useT();
  const review = useFetcher<ActionData>();
  const e = review.data?.fieldErrors ?? {};
  return (
    <div className="stack">
      <h3 id={`review-${p.id}`}>{t("report.reviewFor", { party: p.name })}</h3>
      <ActionMessages data={review.data} />
      {p.accounts === "submitted" ? (
        <review.Form method="post" action={`/partnerships/${id}/reports/reviews`} className="stack" noValidate aria-labelledby={`review-${p.id}`}>
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
      ) : (
        <p>
          <AccountsText state={p.accounts!} />
        </p>
      )}
    </div>
  );
}
