import { TEST_RUN } from "@/lib/domain/test-runs";
import { runResultsRoutes } from "@/lib/http/run-routes";

export const POST = runResultsRoutes(TEST_RUN).POST;
