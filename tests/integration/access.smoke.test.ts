import { describe, expect, it } from "vitest";
import { GET as healthz } from "@/app/api/healthz/route";
import { requireProjectRole } from "@/lib/auth/access";
import { call, makeProject, sessionCookie } from "../helpers/factories";

describe("the test harness", () => {
  it("reaches a real database", async () => {
    const res = await call(healthz);
    expect(res.status).toBe(200);
  });

  it("decides project access from API tokens and session cookies", async () => {
    const { project, admin, member, outsider } = await makeProject();
    const req = (h: Record<string, string>) => new Request("http://localhost/", { headers: h });
    await expect(requireProjectRole(req({}), project.id, "member")).rejects.toMatchObject({ status: 401 });
    await expect(requireProjectRole(req({ authorization: `Bearer ${outsider.token}` }), project.id, "member")).rejects.toMatchObject({ status: 404 });
    await expect(requireProjectRole(req({ authorization: `Bearer ${member.token}` }), project.id, "admin")).rejects.toMatchObject({ status: 403 });
    const viaCookie = await requireProjectRole(req({ cookie: await sessionCookie(admin) }), project.id, "admin");
    expect(viaCookie.role).toBe("admin");
  });
});
