import type { ReactNode } from "react";

/**
 * The frame of a table that may be wider than the screen: a named region that scrolls sideways and
 * can be reached and scrolled with the keyboard (WCAG 2.1.1, 1.4.10 at 320 px).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}

/** A scrollable table with column headers, named by `label`; rows are the caller's <tr> elements. */
export function DataTable({ headers, label, children }: { headers: string[]; label: string; children: ReactNode }) {
  return (
    <TableScroll label={label}>
      <table>
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableScroll>
  );
}
