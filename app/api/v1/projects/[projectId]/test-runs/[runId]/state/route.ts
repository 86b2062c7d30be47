import { TEST_RUN } from "@/lib/domain/test-runs";
import { runStateRoutes } from "@/lib/http/run-routes";

export const POST = runStateRoutes(TEST_RUN).POST;
