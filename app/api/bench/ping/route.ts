// The bare baseline for `npm run bench:inbound`: the same server, routing and runtime as the
// receipt route, no database and no crypto. Receipts/s divided by this is the figure that counts.
export const dynamic = "force-dynamic";

export function POST(): Response {
  return new Response("ok", { status: 200 });
}
