CREATE TYPE "public"."sync_run_status" AS ENUM('running', 'succeeded', 'partial', 'rate_limited', 'failed', 'abandoned');--> statement-breakpoint
CREATE TYPE "public"."sync_trigger" AS ENUM('manual', 'scheduled');--> statement-breakpoint
CREATE TABLE "integration_sync_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"trigger" "sync_trigger" NOT NULL,
	"status" "sync_run_status" DEFAULT 'running' NOT NULL,
	"started_by" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"fetched" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"imported" integer DEFAULT 0 NOT NULL,
	"deleted" integer DEFAULT 0 NOT NULL,
	"errors" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"rate_limited_until" timestamp with time zone,
	"watermark" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "issue_integrations" ADD COLUMN "credential_ciphertext" text;--> statement-breakpoint
ALTER TABLE "issue_integrations" ADD COLUMN "credential_set_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "issue_integrations" ADD COLUMN "credential_account" text;--> statement-breakpoint
ALTER TABLE "integration_sync_runs" ADD CONSTRAINT "integration_sync_runs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_sync_runs" ADD CONSTRAINT "integration_sync_runs_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "integration_sync_runs_project_idx" ON "integration_sync_runs" USING btree ("project_id","started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "integration_sync_runs_running_idx" ON "integration_sync_runs" USING btree ("project_id") WHERE status = 'running';