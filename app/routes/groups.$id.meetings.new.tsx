import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { MeetingForm } from "~/components/MeetingForm";
import { meetingSchema } from "~/forms/meeting";
import { parseForm } from "~/forms/parse";
import { readForm } from "~/http/form.server";
import { titled } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { requireGroupAccess } from "~/services/access.server";
import { actsAsChair } from "~/services/meeting-access.server";
import { createMeeting } from "~/services/meetings.server";

export const meta = titled("meeting.new");

/** Only the chair's party (or the documentation holder's) and coordinators convene; others get 403. */
async function requireConvener(args: LoaderFunctionArgs) {
  const user = requireUser(args.context, args.request);
  const access = await requireGroupAccess(args.context.db, user, args.params.id!);
  if (!(await actsAsChair(args.context.db, access))) throw new Response("Forbidden", { status: 403 });
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
