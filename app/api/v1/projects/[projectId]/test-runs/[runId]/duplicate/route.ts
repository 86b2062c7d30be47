import { TEST_RUN } from "@/lib/domain/test-runs";
import { runDuplicateRoutes } from "@/lib/http/run-routes";

export const POST = runDuplicateRoutes(TEST_RUN).POST;
