import { Link } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";

const TABS = [
  { key: "overview", path: "", label: "partnership.tabOverview" },
  { key: "cases", path: "/cases", label: "partnership.tabCases" },
  { key: "amendments", path: "/amendments", label: "partnership.tabAmendments" },
  { key: "reports", path: "/reports", label: "partnership.tabReports" },
  { key: "followUps", path: "/follow-ups", label: "partnership.tabFollowUps" },
  { key: "funding", path: "/funding", label: "partnership.tabFunding" },
  { key: "appendices", path: "/appendices", label: "partnership.tabAppendices" },
  { key: "history", path: "/history", label: "partnership.tabHistory" },
] as const satisfies readonly { key: string; path: string; label: MessageKey }[];

export type PartnershipTab = (typeof TABS)[number]["key"];

/** The tab a page under a partnership belongs to, by the rest of its path (e.g. "/cases/new"); the notice page is the overview's. */
export function tabOf(rest: string): PartnershipTab {
  const segment = rest.split("/")[1] ?? "";
  return TABS.find((tab) => tab.path === `/${segment}`)?.key ?? "overview";
}

export function PartnershipTabs({ id, current }: { id: string; current: PartnershipTab }) {
  const t = useT();
  return (
    <nav aria-label={t("partnership.sections")} className="tabs">
      {TABS.map((tab) => (
        <Link key={tab.key} to={`/partnerships/${id}${tab.path}`} aria-current={current === tab.key ? "page" : undefined}>
          {t(tab.label)}
        </Link>
      ))}
    </nav>
  );
}
