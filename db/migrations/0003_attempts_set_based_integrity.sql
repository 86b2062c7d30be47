-- Attempts keep belonging to their delivery without a foreign key, whose check runs one query per inserted row (a third of the attempt insert's time in a drain):
-- recordAttempts inserts only for deliveries it finds and locks (FOR KEY SHARE) in the same statement, and this trigger cascades deletes.
ALTER TABLE "delivery_attempts" DROP CONSTRAINT "delivery_attempts_delivery_id_deliveries_id_fk";--> statement-breakpoint
CREATE FUNCTION "delete_attempts_of_deleted_deliveries"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "delivery_attempts" a USING "deleted_deliveries" d WHERE a."delivery_id" = d."id";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "deliveries_delete_attempts" AFTER DELETE ON "deliveries" REFERENCING OLD TABLE AS "deleted_deliveries" FOR EACH STATEMENT EXECUTE FUNCTION "delete_attempts_of_deleted_deliveries"();
