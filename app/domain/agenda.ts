/**
 * The agenda's paragraphs (§ 1, § 2 …): the items on it, proposals left out, in their order and
 * numbered without gaps. The meeting page, the notice, the .ics invitation, the minutes and the
 * decisions under their items all number by this, so they cannot disagree.
 */
export function paragraphs<T extends { id: string; position: number; proposed: boolean }>(items: readonly T[]): (T & { number: number })[] {
  return items
    .filter((item) => !item.proposed)
    .sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1)) // equal positions (two items added at once) still order one way
    .map((item, i) => ({ ...item, number: i + 1 }));
}

export function paragraphHeading(item: { number: number; title: string }): string {
  return `§ ${item.number} ${item.title}`;
}

/**
 * Where an item joining the agenda goes: before the closing item when the agenda ends with one
 * (titled as the template's, in either language), else last. The closing item then moves after
 * everything, so it stays the last paragraph.
 */
export function placeForNewItem<T extends { id: string; position: number; proposed: boolean; title: string }>(
  items: readonly T[],
  closingTitles: readonly string[],
): { position: number; closing: { id: string; position: number } | null } {
  const after = Math.max(0, ...items.map((i) => i.position)) + 1;
  const last = paragraphs(items).at(-1);
  if (!last || !closingTitles.includes(last.title.trim())) return { position: after, closing: null };
  return { position: last.position, closing: { id: last.id, position: after } };
}
