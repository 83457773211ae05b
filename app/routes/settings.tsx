import { NotificationPreferences } from "~/components/settings/NotificationPreferences";
import { PasswordChange } from "~/components/settings/PasswordChange";
import { preferencesOf } from "~/services/notify.server";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { apiTokens } from "../../db/schema";
import { createApiToken } from "~/auth/api-token.server";
import { notFound, requireUser } from "~/auth/guards.server";
import { Field, Notice } from "~/components/Field";
import { NO_FIELD_ERRORS, parseForm } from "~/forms/parse";
import { baseUrl } from "~/http/base-url.server";
import { readForm } from "~/http/form.server";
import { formatDateTime, type MessageKey } from "~/i18n";
import { titled } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/use-t";
import { audit } from "~/services/audit.server";
import { apiTokensOf, calendarTokenFor, rotateCalendarToken } from "~/services/settings.server";

export const meta = titled("settings.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const [token, tokens, modes] = await Promise.all([calendarTokenFor(context.db, user.id), apiTokensOf(context.db, user.id), preferencesOf(context.db, user.id)]);
  return {
    modes,
    feedUrl: `${baseUrl(context)}/calendar/${token}.ics`,
    tokens: tokens.map((x) => ({ ...x, createdAt: x.createdAt.toISOString(), lastUsedAt: x.lastUsedAt?.toISOString() ?? null })),
  };
}

const tokenSchema = z.object({ name: z.string().trim().min(1, "form.required").max(100, "form.tooLong") });

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const form = await readForm(request);
  const intent = form.get("intent");
  const reply = (done: MessageKey, newToken: string | null = null) => ({ fieldErrors: NO_FIELD_ERRORS, done, newToken });
  if (intent === "rotate-feed") {
    await rotateCalendarToken(context.db, user.id);
    return reply("settings.feedRotated");
  }
  if (intent === "create-token") {
    const parsed = parseForm(tokenSchema, form);
    if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, done: null, newToken: null }, { status: 400 });
    const token = await createApiToken(context.db, user.id, parsed.data.name);
    await audit(context.db, { actorId: user.id, action: "api.token.create", subject: `user:${user.id}`, details: { name: parsed.data.name } });
    return reply("settings.tokenCreated", token);
  }
  if (intent === "revoke-token") {
    const id = z.uuid().safeParse(form.get("id"));
    if (!id.success) throw notFound();
    await context.db.delete(apiTokens).where(and(eq(apiTokens.id, id.data), eq(apiTokens.userId, user.id)));
    await audit(context.db, { actorId: user.id, action: "api.token.revoke", subject: `user:${user.id}`, details: { id: id.data } });
    return reply("settings.tokenRevoked");
  }
  throw notFound();
}

export default function Settings() {
  const t = useT();
  const locale = useLocale();
  const { feedUrl, tokens, modes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="page">
      <h1>{t("settings.title")}</h1>
      <Notice message={result?.done ? t(result.done) : undefined} />
      <section aria-labelledby="feed-h">
        <h2 id="feed-h">{t("settings.feedTitle")}</h2>
        <p>{t("settings.feedIntro")}</p>
        <p>
          <code className="secret">{feedUrl}</code>
        </p>
        <Form method="post">
          <input type="hidden" name="intent" value="rotate-feed" />
          <button type="submit" className="secondary">
            {t("settings.feedRotate")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="api-h">
        <h2 id="api-h">{t("settings.apiTitle")}</h2>
        <p>{t("settings.apiIntro")}</p>
        {result?.newToken ? (
          <div className="alert alert-info" role="status">
            {t("settings.tokenOnce")} <code className="secret">{result.newToken}</code>
          </div>
        ) : null}
        {tokens.length === 0 ? <p className="empty">{t("settings.noTokens")}</p> : null}
        <ul>
          {tokens.map((x) => (
            <li key={x.id}>
              {x.name} — {t("settings.tokenCreatedAt", { date: formatDateTime(x.createdAt, locale) })}
              {x.lastUsedAt ? `, ${t("settings.tokenUsedAt", { date: formatDateTime(x.lastUsedAt, locale) })}` : ""}
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="revoke-token" />
                <input type="hidden" name="id" value={x.id} />
                <button type="submit" className="small secondary" aria-label={t("settings.revokeLabel", { name: x.name })}>
                  {t("settings.revoke")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        <Form method="post" className="stack narrow">
          <input type="hidden" name="intent" value="create-token" />
          <Field name="name" label={t("settings.tokenName")} required error={result?.fieldErrors.name} />
          <button type="submit">{t("settings.tokenCreate")}</button>
        </Form>
      </section>
      <NotificationPreferences modes={modes} />
      <PasswordChange />
    </div>
  );
}
