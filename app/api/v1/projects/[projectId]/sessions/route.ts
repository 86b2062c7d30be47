import { SESSION } from "@/lib/domain/sessions";
import { runCollectionRoutes } from "@/lib/http/run-routes";

const routes = runCollectionRoutes(SESSION);
export const GET = routes.GET;
export const POST = routes.POST;
