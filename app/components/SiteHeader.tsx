import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/use-t";

interface Props {
  user: { name: string; isAdmin: boolean; unread: number } | null;
}

export function SiteHeader({ user }: Props) {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const language = (
    <Form method="post" action="/language">
      <input type="hidden" name="locale" value={locale === "sv" ? "en" : "sv"} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" className="link-button" lang={locale === "sv" ? "en" : "sv"}>
        {t("lang.switchTo")}
      </button>
    </Form>
  );
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link to="/" className="brand">
          {t("app.name")}
        </Link>
        {user ? (
          <NavLink to="/todo" className="header-todo">
            {user.unread ? t("todo.counter", { n: user.unread }) : t("todo.counterNone")}
          </NavLink>
        ) : null}
        {user ? (
          // On a phone the rest folds into a menu so the header keeps to one line; wide screens show it inline (styles.css).
          <details className="site-menu">
            <summary>{t("nav.menu")}</summary>
            <div className="site-menu-body">
              <nav aria-label={t("nav.main")}>
                <ul className="nav-list">
                  <li>
                    <NavLink to="/" end>
                      {t("nav.overview")}
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to="/meetings">{t("nav.meetings")}</NavLink>
                  </li>
                  {user.isAdmin ? (
                    <>
                      <li>
                        <NavLink to="/admin/invitations">{t("nav.invitations")}</NavLink>
                      </li>
                      <li>
                        <NavLink to="/admin/outbox">{t("nav.outbox")}</NavLink>
                      </li>
                    </>
                  ) : null}
                  <li>
                    <NavLink to="/settings">{t("nav.settings")}</NavLink>
                  </li>
                </ul>
              </nav>
              <div className="header-tools">
                <Form method="get" action="/search" role="search" className="header-search">
                  <label htmlFor="site-search" className="visually-hidden">
                    {t("search.label")}
                  </label>
                  <input id="site-search" type="search" name="q" maxLength={200} placeholder={t("search.headerLabel")} />
                  <button type="submit" className="button-secondary">
                    {t("search.submit")}
                  </button>
                </Form>
                {language}
                <span className="user-name">{t("user.menu", { name: user.name })}</span>
                <Form method="post" action="/logout">
                  <button type="submit" className="button-secondary">
                    {t("user.logout")}
                  </button>
                </Form>
              </div>
            </div>
          </details>
        ) : (
          // Signed out, the language switch is all there is: nothing to fold.
          <div className="header-tools">{language}</div>
        )}
      </div>
    </header>
  );
}
