import type { ReactNode } from "react";

/** One term and its value in a `dl.facts` list; left out entirely when there is no value to show. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  if (children === null || children === undefined || children === false || children === "") return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}
