/** What looks like a personnummer in the minutes, each quoted with the whole words around it. */
export function QuotedHits({ quotes }: { quotes: string[] }) {
  return (
    <ul>
      {quotes.map((quote, i) => (
        <li key={i}>
          <q>{quote}</q>
        </li>
      ))}
    </ul>
  );
}
