import type { IsoDate } from "../domain/iso-date";
import { currentReportYear } from "../domain/yearly-report";
import { yearParam } from "../forms/input";
import { queryParam } from "./query.server";

/** The year a reports page or form is about: `?year=`, or the one whose reports are due next. */
export const reportYearOf = (request: Request, today: IsoDate) => queryParam(request, "year", yearParam) ?? currentReportYear(today);
