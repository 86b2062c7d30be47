// Runs in the browser before the app's own code (Next.js instrumentation-client). zod probes for
// eval (`new Function`) the first time it builds an object schema; under the pages' strict CSP that
// probe is refused and reported as a violation although zod copes. jitless skips the probe.
import { config } from "zod";

config({ jitless: true });
