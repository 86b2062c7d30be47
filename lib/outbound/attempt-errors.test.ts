import { describe, expect, it } from "vitest";
import { classifyNetworkError } from "./attempt-errors";

const err = (props: Record<string, unknown>, cause?: unknown) => Object.assign(new Error(String(props.message ?? "x")), props, cause ? { cause } : {});

describe("classifyNetworkError", () => {
  it.each([
    [err({ code: "ESWITCHYARD_BLOCKED_ADDRESS" }), "blocked_address"],
    [err({ code: "UND_ERR_CONNECT_TIMEOUT" }), "timeout"],
    [err({ code: "UND_ERR_HEADERS_TIMEOUT" }), "timeout"],
    [err({ name: "TimeoutError" }), "timeout"],
    [err({ message: "fetch failed" }, err({ code: "ENOTFOUND" })), "dns"],
    [err({ code: "EAI_AGAIN" }), "dns"],
    [err({ code: "ECONNREFUSED" }), "refused"],
    [err({ code: "ECONNRESET" }), "reset"],
    [err({ code: "UND_ERR_SOCKET" }), "reset"],
    [err({ code: "DEPTH_ZERO_SELF_SIGNED_CERT" }), "tls"],
    [err({ code: "ERR_TLS_CERT_ALTNAME_INVALID" }), "tls"],
    [err({ message: "connect failed" }, err({ code: "ESWITCHYARD_BLOCKED_ADDRESS" })), "blocked_address"],
  ])("%o → %s", (e, cls) => {
    expect(classifyNetworkError(e).errorClass).toBe(cls);
  });
});
