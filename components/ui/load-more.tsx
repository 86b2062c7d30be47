"use client";
import { errorMessage } from "@/lib/api-client";
import { Button } from "./button";

/** The footer of a paged list: how many rows are shown and the button that loads the next page. */
export function LoadMore({
  shown,
  noun,
  hasMore,
  pending,
  error,
  onLoadMore,
}: {
  shown: number;
  /** Singular and plural: ["issue", "issues"]. */
  noun: readonly [string, string];
  hasMore: boolean;
  pending: boolean;
  /** The last "Load more" failed: say so beside the button, which then tries again. */
  error?: unknown;
  onLoadMore: () => void;
}) {
  return (
    <>
      <span aria-live="polite">
        {shown} {shown === 1 ? noun[0] : noun[1]} shown{hasMore ? "" : " — that is all of them"}
      </span>
      {error != null && (
        <span role="alert" className="text-red-700">
          Could not load more: {errorMessage(error)}
        </span>
      )}
      {hasMore && (
        <Button variant="secondary" size="sm" pending={pending} onClick={onLoadMore}>
          {error != null ? "Try again" : "Load more"}
        </Button>
      )}
    </>
  );
}
