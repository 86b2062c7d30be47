import { describe, expect, it } from "vitest";
import { appLink, projectLink } from "./links";

describe("links back to the app", () => {
  it("are absolute, under APP_URL, with each segment encoded", () => {
    expect(projectLink("prj_1", "test-runs", "run_2")).toBe("http://localhost:3000/projects/prj_1/test-runs/run_2");
    expect(appLink("projects", "a b/c")).toBe("http://localhost:3000/projects/a%20b%2Fc");
  });
});
