// Field names and sizes shared by the pages that render a form and the schemas that parse it.
// Kept free of zod so no page's client bundle builds a schema: zod's object schemas probe
// `new Function`, which the Content-Security-Policy refuses.

/** How many non-profit parties the new-partnership form offers. */
export const IDEA_PARTY_ROWS = 4;

export const positionField = (partyId: string) => `position-${partyId}`;
export const reservationField = (partyId: string) => `reservation-${partyId}`;
