import type { ActionFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { forParty } from "~/domain/partnership-capabilities";
import { addPaymentSchema, grantSchema, indexSchema, liftSchema, settleSchema, stopSchema } from "~/forms/funding";
import { parseForm } from "~/forms/parse";
import { fundsAction } from "~/http/funds.server";
import { answer, badForm, failed } from "~/http/result.server";
import { addPayment, liftStop, recordGrant, recordIndex, settlePayment, stopPayments } from "~/services/funding.server";

const RECORDS = ["grant", "index", "settle", "stop", "lift"];

/** The funds page's records: a grant, an index figure, a payment scheduled or settled, a stop and its lifting (004 §5.4). */
export async function action(args: ActionFunctionArgs) {
  // A payment is added for the party the form names (003: the idea-based party invoices its own grant).
  const p = await fundsAction(args, (can, form) => {
    const intent = String(form.get("intent"));
    if (intent === "payment") return forParty(can.recordInvoice, String(form.get("partyId")));
    if (!RECORDS.includes(intent)) throw notFound();
    return can.recordFunds;
  });
  if (p.refused) return failed(p.refused);
  const db = args.context.db;
  const rule = p.partnership.fundingRule;
  switch (p.intent) {
    case "grant": {
      const parsed = parseForm(grantSchema, p.form);
      return parsed.ok ? answer(await recordGrant(db, p.id, rule, p.parties, parsed.data, p.user), () => "funds.grantRecorded") : badForm(parsed.fieldErrors);
    }
    case "index": {
      const parsed = parseForm(indexSchema, p.form);
      return parsed.ok ? answer(await recordIndex(db, p.id, parsed.data, p.user), () => "funds.indexRecorded") : badForm(parsed.fieldErrors);
    }
    case "payment": {
      const parsed = parseForm(addPaymentSchema, p.form);
      return parsed.ok ? answer(await addPayment(db, p.id, parsed.data, p.user), () => "funds.paymentAdded") : badForm(parsed.fieldErrors);
    }
    case "settle": {
      const parsed = parseForm(settleSchema, p.form);
      return parsed.ok ? answer(await settlePayment(db, p.id, parsed.data, p.user), () => `funds.settled.${parsed.data.status}` as const) : badForm(parsed.fieldErrors);
    }
    case "stop": {
      const parsed = parseForm(stopSchema, p.form);
      return parsed.ok ? answer(await stopPayments(db, p.id, p.parties, parsed.data, p.today, p.user), () => "funds.stopped") : badForm(parsed.fieldErrors);
    }
    default: {
      const parsed = parseForm(liftSchema, p.form);
      return parsed.ok ? answer(await liftStop(db, p.id, parsed.data, p.today, p.user), () => "funds.lifted") : badForm(parsed.fieldErrors);
    }
  }
}
