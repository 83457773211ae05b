CREATE TYPE "public"."minutes_status" AS ENUM('draft', 'for_approval', 'final');--> statement-breakpoint
CREATE TABLE "minutes" (
	"meeting_id" uuid PRIMARY KEY NOT NULL,
	"status" "minutes_status" DEFAULT 'draft' NOT NULL,
	"snapshot" "bytea",
	"snapshot_bytes" integer DEFAULT 0 NOT NULL,
	"adjusters" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "minutes_updates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"update" "bytea" NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "minutes" ADD CONSTRAINT "minutes_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_updates" ADD CONSTRAINT "minutes_updates_meeting_id_minutes_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."minutes"("meeting_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_updates" ADD CONSTRAINT "minutes_updates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "minutes_updates_meeting_idx" ON "minutes_updates" USING btree ("meeting_id","id");