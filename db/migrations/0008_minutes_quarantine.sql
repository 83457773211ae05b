CREATE TABLE "minutes_quarantine" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"update_id" bigint,
	"update" "bytea" NOT NULL,
	"user_id" uuid,
	"reason" text NOT NULL,
	"quarantined_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "minutes_quarantine" ADD CONSTRAINT "minutes_quarantine_meeting_id_minutes_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."minutes"("meeting_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_quarantine" ADD CONSTRAINT "minutes_quarantine_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "minutes_quarantine_meeting_idx" ON "minutes_quarantine" USING btree ("meeting_id");