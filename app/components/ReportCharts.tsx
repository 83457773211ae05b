import { percent, type Compiled } from "~/domain/yearly-report";
import { useT } from "~/i18n/use-t";

/** A horizontal bar per row; the text beside it says everything the bar shows (WCAG 1.1.1). */
function Bars({ caption, rows }: { caption: string; rows: { key: string; text: string; share: number }[] }) {
  return (
    <figure className="bars">
      <figcaption>
        <strong>{caption}</strong>
      </figcaption>
      <ul style={{ listStyle: "none", padding: 0 }}>
        {rows.map((r) => (
          <li key={r.key} style={{ margin: "0.35rem 0" }}>
            <span>{r.text}</span>
            <span aria-hidden="true" style={{ display: "block", height: "0.8rem", width: `${Math.max(r.share, 0.5)}%`, background: "#1d4f91" }} />
          </li>
        ))}
      </ul>
    </figure>
  );
}

export function GenderChart({ year, gender }: { year: number; gender: Compiled["gender"] }) {
  const t = useT();
  const rows = (["women", "men", "other"] as const).map((k) => {
    const share = percent(gender[k], gender.total);
    return { key: k, share, text: t("report.genderShare", { label: t(`report.gender.${k}`), count: gender[k], percent: share }) };
  });
  return <Bars caption={t("report.genderChart", { year })} rows={rows} />;
}

export function TrendChart({ trend }: { trend: { year: number; reached: number }[] }) {
  const t = useT();
  const max = Math.max(1, ...trend.map((y) => y.reached));
  return (
    <Bars
      caption={t("report.trendChart")}
      rows={trend.map((y) => ({ key: String(y.year), share: percent(y.reached, max), text: t("report.trendRow", { year: y.year, count: y.reached }) }))}
    />
  );
}
