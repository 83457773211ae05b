import { Link } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/use-t";

const TABS = [
  { key: "overview", path: "", label: "partnership.tabOverview" },
  { key: "cases", path: "/cases", label: "partnership.tabCases" },
  { key: "amendments", path: "/amendments", label: "partnership.tabAmendments" },
  { key: "reports", path: "/reports", label: "partnership.tabReports" },
  { key: "appendices", path: "/appendices", label: "partnership.tabAppendices" },
  { key: "history", path: "/history", label: "partnership.tabHistory" },
] as const satisfies readonly { key: string; path: string; label: MessageKey }[];

export type PartnershipTab = (typeof TABS)[number]["key"];

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
