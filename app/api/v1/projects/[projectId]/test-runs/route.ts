import { TEST_RUN } from "@/lib/domain/test-runs";
import { runCollectionRoutes } from "@/lib/http/run-routes";

const routes = runCollectionRoutes(TEST_RUN);
export const GET = routes.GET;
export const POST = routes.POST;
