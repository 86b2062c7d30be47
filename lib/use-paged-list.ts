"use client";
// A keyset-paged API list in react-query: the server-rendered first page (fetched when there is none,
// e.g. the audit log filtered), then further pages fetched with the previous page's next_cursor, by
// PagedTable's "Load more" (tables) or ShowMore (lists of cards' rows). Pages are kept in the cache as {items, next_cursor}
// (whatever the API calls its items), so code that edits the cache (live issue updates) has one shape.
import { useInfiniteQuery, type InfiniteData } from "@tanstack/react-query";
import { api } from "./api-client";

export type ListPage<T> = { items: T[]; next_cursor: string | null };
export type PagedList<T> = InfiniteData<ListPage<T>, string | null>;

/** The API's page (`{issues: [...], next_cursor}`) as a cached page. */
function toListPage<T>(body: Record<string, unknown>, itemsKey: string): ListPage<T> {
  return { items: (body[itemsKey] as T[] | undefined) ?? [], next_cursor: (body.next_cursor as string | null | undefined) ?? null };
}

export function usePagedList<T>({
  queryKey,
  path,
  itemsKey,
  initial,
  search = (cursor) => (cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""),
  refetchInterval,
}: {
  queryKey: readonly unknown[];
  /** The list's API path, e.g. `/projects/prj_…/issues`. */
  path: string;
  itemsKey: string;
  /** The first page as the server rendered it (the API's own shape); without it the first page is fetched. */
  initial?: Record<string, unknown>;
  /** The query string of a page (filters and the cursor); by default only the cursor. */
  search?: (cursor: string | null) => string;
  /** Refetch the pages shown this often (ms), for lists others change while the page is open. */
  refetchInterval?: number;
}) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: async ({ pageParam, signal }) => toListPage<T>(await api<Record<string, unknown>>(`${path}${search(pageParam)}`, { signal }), itemsKey),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    initialData: initial && { pages: [toListPage<T>(initial, itemsKey)], pageParams: [null] },
    refetchInterval,
  });
  return { ...query, items: query.data?.pages.flatMap((p) => p.items) ?? [] };
}
