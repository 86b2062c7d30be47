import { TEST_RUN } from "@/lib/domain/test-runs";
import { runCompleteRoutes } from "@/lib/http/run-routes";

export const POST = runCompleteRoutes(TEST_RUN).POST;
