import { useLoaderData } from "@remix-run/react";

/** Twenty items, as a page with a small list would load, and nothing else. */
export function loader() {
  return { items: Array.from({ length: 20 }, (_, i) => ({ id: String(i + 1), name: `Punkt ${i + 1}` })) };
}

export default function Items() {
  const { items } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <title>Golvet – Samråd</title>
      <h1>Golvet</h1>
      <ul>
        {items.map((item) => (
          <li key={item.id}>{item.name}</li>
        ))}
      </ul>
    </div>
  );
}
