/** A new meeting's agenda as the Swedish template has it, "Mötets avslutande" last. */
export const TEMPLATE_AGENDA = [
  "Mötets öppnande",
  "Val av justerare",
  "Godkännande av dagordningen",
  "Föregående mötesprotokoll",
  "Övriga frågor",
  "Nästa möte",
  "Mötets avslutande",
];

/** The sections of the template agenda with `added` items, numbered: each goes before the closing item. */
export const templateAgendaWith = (...added: string[]) =>
  [...TEMPLATE_AGENDA.slice(0, -1), ...added, ...TEMPLATE_AGENDA.slice(-1)].map((title, i) => `§ ${i + 1} ${title}`);
