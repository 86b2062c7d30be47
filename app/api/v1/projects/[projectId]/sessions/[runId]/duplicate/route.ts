import { SESSION } from "@/lib/domain/sessions";
import { runDuplicateRoutes } from "@/lib/http/run-routes";

export const POST = runDuplicateRoutes(SESSION).POST;
