"use client";
import type { ReactNode } from "react";
import { errorMessage } from "@/lib/api-client";
import type { usePagedList } from "@/lib/use-paged-list";
import { LoadMore } from "./load-more";
import { Table } from "./table";

/**
 * A keyset-paged list (usePagedList) in the Table: its error with Try again when nothing could be shown,
 * its empty state, and the "Load more" footer. Children are the TableHead and TableBody of the rows.
 */
export function PagedTable<T>({
  list,
  caption,
  noun,
  empty,
  children,
}: {
  list: ReturnType<typeof usePagedList<T>>;
  caption: string;
  /** Singular and plural: ["issue", "issues"]. */
  noun: readonly [string, string];
  empty: ReactNode;
  children: ReactNode;
}) {
  if (list.isError && !list.isFetchNextPageError && list.items.length === 0) {
    return (
      <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
        Could not load {noun[1]}: {errorMessage(list.error)}{" "}
        <button className="underline" onClick={() => void list.refetch()}>
          Try again
        </button>
      </p>
    );
  }
  return (
    <Table
      caption={caption}
      isEmpty={list.items.length === 0}
      empty={empty}
      footer={
        <LoadMore
          shown={list.items.length}
          noun={noun}
          hasMore={list.hasNextPage}
          pending={list.isFetchingNextPage}
          error={list.isFetchNextPageError ? list.error : undefined}
          onLoadMore={() => void list.fetchNextPage()}
        />
      }
    >
      {children}
    </Table>
  );
}
