import type { Db } from "./client";

/**
 * A query built once per database and then run as a named prepared statement. Building a
 * drizzle query costs more CPU than PostgreSQL takes to run most of ours, so the queries every
 * page load makes are built only once (decision 011).
 */
export function prepared<Q>(build: (db: Db) => Q): (db: Db) => Q {
  const built = new WeakMap<Db, Q>();
  return (db) => {
    let query = built.get(db);
    if (!query) built.set(db, (query = build(db)));
    return query;
  };
}

/** The same for a query that comes in a few shapes: each shape (`key`) is built once per database. */
export function preparedShapes<K extends string, Q>(build: (db: Db, key: K) => Q): (db: Db, key: K) => Q {
  const built = new WeakMap<Db, Map<K, Q>>();
  return (db, key) => {
    let shapes = built.get(db);
    if (!shapes) built.set(db, (shapes = new Map()));
    let query = shapes.get(key);
    if (!query) shapes.set(key, (query = build(db, key)));
    return query;
  };
}
