/** Whole kronor as Swedish readers write them ("1 571 605 kr"). */
export const kronor = (n: number) => `${n.toLocaleString("sv-SE")} kr`;
