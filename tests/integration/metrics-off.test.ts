// Without METRICS_TOKEN the metrics endpoint does not exist: no deployment exposes metrics by accident.
delete process.env.METRICS_TOKEN;

import { describe, expect, it } from "vitest";
import { GET as metricsRoute } from "@/app/api/metrics/route";
import { call } from "../helpers/factories";

describe("GET /api/metrics without METRICS_TOKEN", () => {
  it("answers 404, with or without a token", async () => {
    expect((await call(metricsRoute, {})).status).toBe(404);
    expect((await call(metricsRoute, { token: "anything-anything-anything" })).status).toBe(404);
  });
});
