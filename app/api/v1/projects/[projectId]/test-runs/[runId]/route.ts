import { TEST_RUN } from "@/lib/domain/test-runs";
import { runItemRoutes } from "@/lib/http/run-routes";

export const GET = runItemRoutes(TEST_RUN).GET;
