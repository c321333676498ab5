import { useSearchParams } from 'react-router';

/**
 * A screen's filter kept in the URL's query (so a reload, a shared link or the back button keeps it): the current
 * values of the given keys ('' when absent) a setter that removes a key set to '', and one that
 * changes several keys at once.
 */
export function useUrlFilter<K extends string>(
  keys: readonly K[],
): [Record<K, string>, (key: K, value: string) => void, (changes: Partial<Record<K, string>>) => void] {
  const [params, setParams] = useSearchParams();
  const filter = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>;
  // Several changes go in one navigation: each call starts from the URL as rendered, so two calls would lose one.
  function setAll(changes: Partial<Record<K, string>>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes) as [K, string][]) {
      if (value) {
        next.set(key, value);
      } else {
        next.delete(key);
      }
    }
    setParams(next, { replace: true });
  }
  return [filter, (key, value) => setAll({ [key]: value } as Partial<Record<K, string>>), setAll];
}

/** The filter without its empty values, as query parameters. */
export function nonEmpty<T extends object>(filter: T): Partial<T> {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== '')) as Partial<T>;
}
