import { SESSION } from "@/lib/domain/sessions";
import { runCompleteRoutes } from "@/lib/http/run-routes";

export const POST = runCompleteRoutes(SESSION).POST;
