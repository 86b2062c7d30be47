import { SESSION } from "@/lib/domain/sessions";
import { runResultsRoutes } from "@/lib/http/run-routes";

export const POST = runResultsRoutes(SESSION).POST;
