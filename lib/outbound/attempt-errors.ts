// Names what went wrong with an attempt in one word the UI and receivers' operators can act on:
// timeout | dns | refused | reset | tls | blocked_address (network errors; http_status is set by the caller).
export type NetworkErrorClass = "timeout" | "dns" | "refused" | "reset" | "tls" | "blocked_address";

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_OSSL_|HOSTNAME_MISMATCH)/;

export function classifyNetworkError(err: unknown): { errorClass: NetworkErrorClass; message: string } {
  const chain: { code?: string; name?: string; message?: string }[] = [];
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    chain.push(e as { code?: string; name?: string; message?: string });
  }
  const codes = chain.map((e) => e.code ?? "");
  const names = chain.map((e) => e.name ?? "");
  const message = chain.map((e) => e.message).find(Boolean) ?? String(err);
  const has = (...c: string[]) => codes.some((x) => c.includes(x));
  if (has("ESWITCHYARD_BLOCKED_ADDRESS")) return { errorClass: "blocked_address", message };
  if (has("UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "ETIMEDOUT", "ABORT_ERR") || names.some((n) => n === "TimeoutError" || n === "AbortError")) {
    return { errorClass: "timeout", message };
  }
  if (has("ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NONAME", "ENODATA")) return { errorClass: "dns", message };
  if (has("ECONNREFUSED")) return { errorClass: "refused", message };
  if (codes.some((c) => TLS_CODES.test(c))) return { errorClass: "tls", message };
  return { errorClass: "reset", message }; // ECONNRESET, EPIPE, UND_ERR_SOCKET, closed mid-response…
}
