"use client";
// Each attempt of a delivery: the answer's status line and headers, the problem in plain words, and
// the raw detail (the network error's own text, the response excerpt) behind "Details".
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { attemptProblem } from "@/lib/webhooks/attempt-message";
import type { DeliveryAttempt } from "./types";

export function AttemptItem({ attempt: a }: { attempt: DeliveryAttempt }) {
  const ok = a.status_code !== null && a.status_code >= 200 && a.status_code < 300;
  const problem = attemptProblem(a);
  const headers = a.response_headers ? Object.entries(a.response_headers) : [];
  return (
    <li data-testid="delivery-attempt" className="space-y-2 rounded-md border border-slate-200 p-3">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">#{a.n}</span>
        <Badge tone={ok ? "green" : "red"}>{a.status_line ?? "No response"}</Badge>
        <span className="text-xs text-slate-600">{a.duration_ms} ms</span>
        <span className="ml-auto text-xs text-slate-600">
          <RelativeTime value={a.started_at} />
        </span>
      </div>
      {problem && <p className="text-xs text-red-800">{problem}</p>}
      {(a.error_message || a.response_excerpt || headers.length > 0) && (
        <details className="rounded border border-slate-100">
          <summary className="cursor-pointer px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600">
            Details
          </summary>
          <div className="space-y-2 p-2">
            {a.error_message && <p className="font-mono text-xs break-all text-slate-700">{a.error_message}</p>}
            {headers.length > 0 && (
              <div>
                <p className="text-xs font-medium text-slate-600">Response headers</p>
                <HeadersTable headers={a.response_headers!} />
              </div>
            )}
            {a.response_excerpt && (
              <div>
                <p className="text-xs font-medium text-slate-600">Response body (first 4 KB)</p>
                <pre className="max-h-40 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs break-all whitespace-pre-wrap text-slate-800">{a.response_excerpt}</pre>
              </div>
            )}
          </div>
        </details>
      )}
    </li>
  );
}

export function HeadersTable({ headers }: { headers: Record<string, string> }) {
  return (
    <table className="w-full font-mono text-xs">
      <tbody>
        {Object.entries(headers).map(([name, value]) => (
          <tr key={name} className="border-b border-slate-100 last:border-0">
            <th scope="row" className="py-1 pr-3 text-left align-top font-normal text-slate-500">
              {name}
            </th>
            <td className="py-1 break-all text-slate-800">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
