import { Link } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

export function PartnershipTabs({ id, current }: { id: string; current: "overview" | "appendices" | "history" }) {
  const t = useT();
  return (
    <nav aria-label={t("partnership.sections")} className="tabs">
      <Link to={`/partnerships/${id}`} aria-current={current === "overview" ? "page" : undefined}>
        {t("partnership.tabOverview")}
      </Link>
      <Link to={`/partnerships/${id}/appendices`} aria-current={current === "appendices" ? "page" : undefined}>
        {t("partnership.tabAppendices")}
      </Link>
      <Link to={`/partnerships/${id}/history`} aria-current={current === "history" ? "page" : undefined}>
        {t("partnership.tabHistory")}
      </Link>
    </nav>
  );
}
