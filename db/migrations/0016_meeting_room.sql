CREATE TABLE "meeting_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_key" uuid DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"meeting_id" uuid NOT NULL,
	"agenda_item_id" uuid NOT NULL,
	"title" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content_oid" bigint NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "decision_positions" ADD COLUMN "recorded_for_room" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "meeting_documents" ADD CONSTRAINT "meeting_documents_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_documents" ADD CONSTRAINT "meeting_documents_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_documents" ADD CONSTRAINT "meeting_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_documents_version_idx" ON "meeting_documents" USING btree ("document_key","version");--> statement-breakpoint
CREATE INDEX "meeting_documents_item_idx" ON "meeting_documents" USING btree ("agenda_item_id","created_at");--> statement-breakpoint
CREATE INDEX "meeting_documents_meeting_idx" ON "meeting_documents" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_documents_fts_sv_idx" ON "meeting_documents" USING gin (to_tsvector('swedish', "title" || ' ' || "filename"));--> statement-breakpoint
CREATE INDEX "meeting_documents_fts_en_idx" ON "meeting_documents" USING gin (to_tsvector('english', "title" || ' ' || "filename"));--> statement-breakpoint
CREATE INDEX "agenda_items_fts_sv_idx" ON "agenda_items" USING gin (to_tsvector('swedish', "title"));--> statement-breakpoint
CREATE INDEX "agenda_items_fts_en_idx" ON "agenda_items" USING gin (to_tsvector('english', "title"));--> statement-breakpoint
CREATE INDEX "cases_fts_sv_idx" ON "cases" USING gin (to_tsvector('swedish', "title" || ' ' || "description"));--> statement-breakpoint
CREATE INDEX "cases_fts_en_idx" ON "cases" USING gin (to_tsvector('english', "title" || ' ' || "description"));--> statement-breakpoint
CREATE INDEX "decisions_fts_sv_idx" ON "decisions" USING gin (to_tsvector('swedish', "text"));--> statement-breakpoint
CREATE INDEX "decisions_fts_en_idx" ON "decisions" USING gin (to_tsvector('english', "text"));--> statement-breakpoint
CREATE INDEX "minutes_versions_fts_sv_idx" ON "minutes_versions" USING gin (to_tsvector('swedish', "text"));--> statement-breakpoint
CREATE INDEX "minutes_versions_fts_en_idx" ON "minutes_versions" USING gin (to_tsvector('english', "text"));--> statement-breakpoint
-- A document's content goes with its row, also when a meeting or agenda item is deleted by cascade.
CREATE FUNCTION "meeting_documents_unlink"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lo_unlink(OLD.content_oid) WHERE EXISTS (SELECT 1 FROM pg_largeobject_metadata WHERE oid = OLD.content_oid::oid);
  RETURN OLD;
END $$;--> statement-breakpoint
CREATE TRIGGER "meeting_documents_unlink" AFTER DELETE ON "meeting_documents" FOR EACH ROW EXECUTE FUNCTION "meeting_documents_unlink"();
