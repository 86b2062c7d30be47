// Steps shared by the webhooks specs: set-up through the public API (the same one automation
// uses), observation through the API, and screenshots of each state under test-results/.
import { expect, type APIRequestContext, type Page } from "@playwright/test";

export async function createOutboundWebhook(
  request: APIRequestContext,
  projectId: string,
  input: { name: string; url: string; events: string[] },
): Promise<{ webhook: { id: string; name: string }; secret: string | null }> {
  const res = await request.post(`/api/v1/projects/${projectId}/webhooks/outbound`, { data: input });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}

/** Creates `count` test runs, each emitting test_run.created; returns their names in order. */
export async function createTestRuns(request: APIRequestContext, projectId: string, count: number, prefix = "Run"): Promise<string[]> {
  const names = Array.from({ length: count }, (_, i) => `${prefix} ${i + 1}`);
  for (let i = 0; i < names.length; i += 10) {
    await Promise.all(
      names.slice(i, i + 10).map(async (name) => {
        const res = await request.post(`/api/v1/projects/${projectId}/test-runs`, { data: { name } });
        expect(res.status(), await res.text()).toBe(201);
      }),
    );
  }
  return names;
}

export type ApiDelivery = { id: string; direction: string; status: string; replay_of: string | null; event_id: string | null; event_type: string; webhook_id: string | null };

/** Every delivery of the project, walking the keyset pages. */
export async function allDeliveries(request: APIRequestContext, projectId: string, query = ""): Promise<ApiDelivery[]> {
  const all: ApiDelivery[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams(query);
    if (cursor) params.set("cursor", cursor);
    const res = await request.get(`/api/v1/projects/${projectId}/deliveries?${params}`);
    expect(res.status(), await res.text()).toBe(200);
    const page = (await res.json()) as { deliveries: ApiDelivery[]; next_cursor: string | null };
    all.push(...page.deliveries);
    cursor = page.next_cursor;
  } while (cursor);
  return all;
}

export async function webhookJson(request: APIRequestContext, projectId: string, id: string) {
  const res = await request.get(`/api/v1/projects/${projectId}/webhooks`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { outbound: { id: string; health: string; consecutive_failures: number }[] };
  return body.outbound.find((w) => w.id === id)!;
}

/** A screenshot of the current state, to look at after the run (drawers and dialogs: viewport only). */
export async function shot(page: Page, name: string, fullPage = true) {
  await page.screenshot({ path: `test-results/webhooks/${name}.png`, fullPage });
}

/** Reloads until the assertion passes: the settings page shows server state as of its load. */
export async function reloadUntil(page: Page, assertion: () => Promise<void>, timeout = 45_000) {
  await expect(async () => {
    await page.reload();
    await assertion();
  }).toPass({ timeout, intervals: [500, 1000, 2000] });
}
