"use client";
import { errorMessage } from "@/lib/api-client";
import type { usePagedList } from "@/lib/use-paged-list";
import { Button } from "./button";

/**
 * The footer of a paged list shown as a card's rows (members, invitations, the audit log): the button
 * that loads the next page, and why the last one failed (the button then tries again). Nothing when
 * every page is shown. Tables use PagedTable's "Load more" instead.
 */
export function ShowMore<T>({ list, label, failed }: { list: ReturnType<typeof usePagedList<T>>; label: string; failed: string }) {
  if (!list.hasNextPage && !list.isFetchNextPageError) return null;
  return (
    <div className="border-t border-slate-200 px-4 py-3">
      {list.isFetchNextPageError && (
        <p role="alert" className="mb-2 text-sm text-red-700">
          {failed}: {errorMessage(list.error)}
        </p>
      )}
      <Button variant="secondary" size="sm" pending={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
        {label}
      </Button>
    </div>
  );
}
