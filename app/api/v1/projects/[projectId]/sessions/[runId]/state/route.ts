import { SESSION } from "@/lib/domain/sessions";
import { runStateRoutes } from "@/lib/http/run-routes";

export const POST = runStateRoutes(SESSION).POST;
