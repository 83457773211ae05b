import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { MeetingForm } from "~/components/MeetingForm";
import { meetingSchema } from "~/forms/meeting";
import { parseForm } from "~/forms/parse";
import { readForm } from "~/http/form.server";
import { titled } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { assertAllowed } from "~/http/result.server";
import { requireGroupCapabilities } from "~/services/meeting-access.server";
import { createMeeting } from "~/services/meetings.server";

export const meta = titled("meeting.new");

/** The page is the convene form: it asserts `convene` (403 for anyone but the convening party and coordinators). */
async function requireConvener(args: LoaderFunctionArgs) {
  const { user, access, can } = await requireGroupCapabilities(args.context.db, requireUser(args.context, args.request), args.params.id!);
  assertAllowed(can.convene);
  return { user, group: access.group };
}

export async function loader(args: LoaderFunctionArgs) {
  const { group } = await requireConvener(args);
  return { group: { id: group.id, name: group.name } };
}

export async function action(args: ActionFunctionArgs) {
  const { user, group } = await requireConvener(args);
  const form = await readForm(args.request);
  const parsed = parseForm(meetingSchema, form);
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, values: Object.fromEntries([...form].map(([k, v]) => [k, String(v)])) }, { status: 400 });
  const id = await createMeeting(args.context.db, group.id, parsed.data, user, args.context.locale);
  return redirect(`/meetings/${id}`);
}

export default function NewMeeting() {
  const t = useT();
  const { group } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="page narrow">
      <p>
        <Link to={`/groups/${group.id}`}>{group.name}</Link>
      </p>
      <h1>{t("meeting.new")}</h1>
      <p>{t("meeting.newIntro")}</p>
      <MeetingForm values={result?.values ?? { title: t("meeting.defaultTitle", { group: group.name }) }} errors={result?.fieldErrors ?? {}} submitLabel={t("meeting.create")} />
    </div>
  );
}
