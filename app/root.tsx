import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useNonce } from "./components/nonce";
import { SiteHeader } from "./components/SiteHeader";
import { translator } from "./i18n";
import { useT } from "./i18n/use-t";
import styles from "./styles.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Samråd" }];

export function loader({ context }: LoaderFunctionArgs) {
  const { user, locale, unread } = context;
  return {
    locale,
    user: user ? { name: user.name, isAdmin: user.isAdmin, unread } : null,
  };
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const t = translator(data?.locale ?? "sv");
  const nonce = useNonce();
  return (
    <html lang={data?.locale ?? "sv"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("nav.skip")}
        </a>
        <SiteHeader user={data?.user ?? null} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>{t("app.tagline")}</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // A search parameter refused by queryParam (app/http/query.server.ts) names itself.
  const param: unknown = isRouteErrorResponse(error) ? error.data?.param : undefined;
  const [title, text] =
    status === 404
      ? [t("error.notFoundTitle"), t("error.notFoundText")]
      : status === 403
        ? [t("error.forbiddenTitle"), t("error.forbiddenText")]
        : status === 400
          ? [t("error.genericTitle"), typeof param === "string" ? t("error.badParam", { param }) : t("form.badRequest")]
          : status === 503
            ? [t("error.unavailableTitle"), t("error.unavailableText")]
            : [t("error.genericTitle"), t("error.genericText")];
  return (
    <div className="page narrow">
      <title>{`${title} – Samråd`}</title>
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <Link to="/">{t("error.home")}</Link>
      </p>
    </div>
  );
}
