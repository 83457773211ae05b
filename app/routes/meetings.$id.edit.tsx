import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { MeetingForm } from "~/components/MeetingForm";
import { stockholmParts } from "~/domain/stockholm-date";
import { meetingSchema } from "~/forms/meeting";
import { parseForm } from "~/forms/parse";
import { baseUrl } from "~/http/base-url.server";
import { readForm } from "~/http/form.server";
import { titled } from "~/i18n/meta";
import { useT } from "~/i18n/use-t";
import { assertAllowed } from "~/http/result.server";
import { requireMeetingCapabilities } from "~/services/meeting-access.server";
import { updateMeeting } from "~/services/meetings.server";

export const meta = titled("meeting.edit");

async function requireChair(args: LoaderFunctionArgs) {
  const user = requireUser(args.context, args.request);
  const { meeting, can } = await requireMeetingCapabilities(args.context.db, user, args.params.id);
  assertAllowed(can.edit);
  return { user, meeting };
}

export async function loader(args: LoaderFunctionArgs) {
  const { meeting } = await requireChair(args);
  const start = stockholmParts(meeting.startsAt);
  return {
    id: meeting.id,
    noticed: meeting.status === "noticed",
    values: {
      title: meeting.title,
      kind: meeting.kind,
      extraReason: meeting.extraReason ?? "",
      date: start.date,
      startTime: start.time,
      endTime: stockholmParts(meeting.endsAt).time,
      location: meeting.location,
      videoUrl: meeting.videoUrl ?? "",
    },
  };
}

export async function action(args: ActionFunctionArgs) {
  const { user, meeting } = await requireChair(args);
  const form = await readForm(args.request);
  const parsed = parseForm(meetingSchema, form);
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, values: Object.fromEntries([...form].map(([k, v]) => [k, String(v)])) }, { status: 400 });
  await updateMeeting(args.context.db, meeting, parsed.data, user, baseUrl(args.context));
  return redirect(`/meetings/${meeting.id}`);
}

export default function EditMeeting() {
  const t = useT();
  const { id, noticed, values } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="page narrow">
      <p>
        <Link to={`/meetings/${id}`}>{t("meeting.back")}</Link>
      </p>
      <h1>{t("meeting.edit")}</h1>
      {noticed ? <p className="warning">{t("meeting.editNoticedWarn")}</p> : null}
      <MeetingForm values={result?.values ?? values} errors={result?.fieldErrors ?? {}} submitLabel={t("meeting.save")} />
    </div>
  );
}
