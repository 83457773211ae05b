import { Outlet } from "@remix-run/react";

// Samråd's own document (head, stylesheet, header with a signed-in user, footer, scripts).
export { Layout, links, meta } from "../../../../app/root";

/** What Samråd's root loader returns for a signed-in user, without a session to look up. */
export function loader() {
  return { locale: "sv" as const, user: { name: "Bänk Bänksson", isAdmin: false, unread: 0 } };
}

export default function App() {
  return <Outlet />;
}
