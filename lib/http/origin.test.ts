import { describe, expect, it } from "vitest";
import { crossSiteRefusal } from "./origin";

const APP = ["https://app.example.com", "http://localhost:3000"];

describe("crossSiteRefusal", () => {
  it.each<{ name: string; method: string; headers: Record<string, string>; refused: boolean }>([
    { name: "a GET from anywhere", method: "GET", headers: { origin: "https://evil.example.com", "sec-fetch-site": "cross-site" }, refused: false },
    { name: "a HEAD from a sibling", method: "HEAD", headers: { "sec-fetch-site": "same-site" }, refused: false },
    { name: "a POST from the app", method: "POST", headers: { origin: "https://app.example.com", "sec-fetch-site": "same-origin" }, refused: false },
    { name: "a POST from the request's own origin", method: "POST", headers: { origin: "http://localhost:3000" }, refused: false },
    { name: "a POST with neither header (curl)", method: "POST", headers: {}, refused: false },
    { name: "a POST the user started", method: "POST", headers: { "sec-fetch-site": "none" }, refused: false },
    { name: "a POST from a sibling subdomain", method: "POST", headers: { origin: "https://evil.example.com" }, refused: true },
    { name: "a DELETE from another port", method: "DELETE", headers: { origin: "https://app.example.com:8443" }, refused: true },
    { name: "a PATCH marked same-site", method: "PATCH", headers: { "sec-fetch-site": "same-site" }, refused: true },
    { name: "a PUT marked cross-site with our Origin", method: "PUT", headers: { origin: "https://app.example.com", "sec-fetch-site": "cross-site" }, refused: true },
    { name: "an opaque origin (sandboxed frame)", method: "POST", headers: { origin: "null" }, refused: true },
    { name: "a lower-case method", method: "post", headers: { origin: "https://evil.example.com" }, refused: true },
  ])("$name → refused: $refused", ({ method, headers, refused }) => {
    expect(crossSiteRefusal(method, new Headers(headers), APP) !== undefined).toBe(refused);
  });
});
