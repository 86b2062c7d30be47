import { describe, expect, it } from "vitest";
import { attemptProblem, deliveryProblem } from "./attempt-message";

describe("attemptProblem", () => {
  it.each([
    [{ error_class: null, status_code: 200 }, null],
    [{ error_class: "dns", status_code: null }, /host name could not be found/],
    [{ error_class: "refused", status_code: null }, /refused the connection/],
    [{ error_class: "http_status", status_code: 503, status_line: "HTTP 503 Service Unavailable" }, /answered HTTP 503 Service Unavailable/],
    [{ error_class: "http_status", status_code: 418 }, /answered HTTP 418/],
    [{ error_class: "something new", status_code: null }, /failed/],
  ])("%j", (attempt, expected) => {
    const text = attemptProblem(attempt);
    if (expected === null) expect(text).toBeNull();
    else expect(text).toMatch(expected);
  });

  it("never shows the raw error text", () => {
    expect(attemptProblem({ error_class: "dns", status_code: null, error_message: "getaddrinfo ENOTFOUND x" })).not.toContain("ENOTFOUND");
  });
});

describe("deliveryProblem", () => {
  it.each([
    [{ status: "succeeded", last_error: null, last_status_code: 200 }, null],
    [{ status: "dead", last_error: "Send Test makes one attempt and is not retried. Last error: HTTP 500", last_status_code: 500, test: true }, /not retried/],
    [{ status: "dead", last_error: "Retries were cancelled by an admin.", last_status_code: 500 }, /cancelled/],
    [{ status: "dead", last_error: "Gave up after 10 attempts over about a day. Last error: HTTP 500", last_status_code: 500 }, /gave up after 10 attempts/],
    [{ status: "failed", last_error: "HTTP 503", last_status_code: 503 }, /answered HTTP 503/],
    [{ status: "failed", last_error: "getaddrinfo ENOTFOUND nope.example", last_status_code: null }, /could not be reached/],
  ])("%j", (d, expected) => {
    const text = deliveryProblem(d);
    if (expected === null) expect(text).toBeNull();
    else expect(text).toMatch(expected);
  });
});
