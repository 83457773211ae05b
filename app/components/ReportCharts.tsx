import { percent } from "~/domain/yearly-report";
import { useT } from "~/i18n/use-t";

const SERIES = ["women", "men", "other"] as const;
type Series = (typeof SERIES)[number];

/** The bar's swatch: each series has its own colour and pattern, so it reads without colour too (WCAG 1.4.1). */
const Swatch = ({ series }: { series: Series | "total" }) => <span aria-hidden="true" className={`swatch swatch-${series}`} />;

/**
 * People reached per year, split by gender when the rule asks for it: one group of bars per
 * year on one scale, so years and genders compare; the text beside each bar says what it shows.
 */
export function ReachedChart({ trend, byGender }: { trend: { year: number; reached: number; women: number; men: number; other: number }[]; byGender: boolean }) {
  const t = useT();
  const series = byGender ? SERIES : (["total"] as const);
  const value = (y: (typeof trend)[number], s: Series | "total") => (s === "total" ? y.reached : y[s]);
  const max = Math.max(1, ...trend.flatMap((y) => series.map((s) => value(y, s))));
  const label = (s: Series | "total") => (s === "total" ? t("report.reachedTotal") : t(`report.gender.${s}`));
  return (
    <figure className="chart">
      <figcaption>
        <strong>{t(byGender ? "report.reachedByGenderChart" : "report.trendChart")}</strong>
      </figcaption>
      {byGender ? (
        <ul className="chart-legend" aria-label={t("report.chartLegend")}>
          {series.map((s) => (
            <li key={s}>
              <Swatch series={s} /> {label(s)}
            </li>
          ))}
        </ul>
      ) : null}
      <dl className="chart-years">
        {trend.map((y) => (
          <div key={y.year} className="chart-year">
            <dt>{y.year}</dt>
            {series.map((s) => {
              const n = value(y, s);
              return (
                <dd key={s}>
                  <span className="chart-text">
                    {byGender
                      ? t("report.genderShare", { label: label(s), count: n.toLocaleString("sv-SE"), percent: percent(n, y.reached) })
                      : t("report.trendRow", { year: y.year, count: n.toLocaleString("sv-SE") })}
                  </span>
                  <span aria-hidden="true" className={`chart-bar swatch-${s}`} style={{ width: `${Math.max(percent(n, max), 0.5)}%` }} />
                </dd>
              );
            })}
          </div>
        ))}
      </dl>
    </figure>
  );
}
