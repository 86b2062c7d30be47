import { SESSION } from "@/lib/domain/sessions";
import { runItemRoutes } from "@/lib/http/run-routes";

export const GET = runItemRoutes(SESSION).GET;
