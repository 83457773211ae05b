/** UI text for long lists shown a page at a time (paging, "show all"), Swedish first; English must have every key. */
export const sv = {
  "paging.page": "Sida {page} av {pages}",
  "paging.previous": "Föregående",
  "paging.next": "Nästa",
  "paging.previousLabel": "Föregående sida, sida {page} av {pages}",
  "paging.nextLabel": "Nästa sida, sida {page} av {pages}",
  "paging.pastEnd": "Sidan {page} finns inte.",
  "paging.first": "Gå till första sidan",
  "partnerships.title": "Alla partnerskap",
  "partnerships.count": "{n} partnerskap",
  "partnerships.paging": "Sidor i listan över partnerskap",
  "home.showAllPartnerships": "Visa alla partnerskap ({n})",
  "home.partnershipsShown": "Visar {shown} av {n} partnerskap.",
  "meetings.paging": "Sidor i listan över möten",
} as const;

export const en: Record<keyof typeof sv, string> = {
  "paging.page": "Page {page} of {pages}",
  "paging.previous": "Previous",
  "paging.next": "Next",
  "paging.previousLabel": "Previous page, page {page} of {pages}",
  "paging.nextLabel": "Next page, page {page} of {pages}",
  "paging.pastEnd": "There is no page {page}.",
  "paging.first": "Go to the first page",
  "partnerships.title": "All partnerships",
  "partnerships.count": "{n} partnerships",
  "partnerships.paging": "Pages of the partnership list",
  "home.showAllPartnerships": "Show all partnerships ({n})",
  "home.partnershipsShown": "Showing {shown} of {n} partnerships.",
  "meetings.paging": "Pages of the meeting list",
};
