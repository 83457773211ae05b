CREATE TYPE "public"."minutes_version_kind" AS ENUM('draft', 'final');--> statement-breakpoint
CREATE TABLE "minutes_approvals" (
	"meeting_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"text_sha256" text NOT NULL,
	"approved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "minutes_approvals_meeting_id_user_id_pk" PRIMARY KEY("meeting_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "minutes_versions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"kind" "minutes_version_kind" NOT NULL,
	"html" text NOT NULL,
	"text" text NOT NULL,
	"markdown" text NOT NULL,
	"state" "bytea" NOT NULL,
	"text_sha256" text NOT NULL,
	"approvals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "minutes" ADD COLUMN "chair_id" uuid;--> statement-breakpoint
ALTER TABLE "minutes" ADD COLUMN "personnummer_reason" text;--> statement-breakpoint
ALTER TABLE "minutes_approvals" ADD CONSTRAINT "minutes_approvals_meeting_id_minutes_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."minutes"("meeting_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_approvals" ADD CONSTRAINT "minutes_approvals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_versions" ADD CONSTRAINT "minutes_versions_meeting_id_minutes_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."minutes"("meeting_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "minutes_versions_meeting_idx" ON "minutes_versions" USING btree ("meeting_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "minutes_versions_one_final_idx" ON "minutes_versions" USING btree ("meeting_id") WHERE kind = 'final';--> statement-breakpoint
ALTER TABLE "minutes" ADD CONSTRAINT "minutes_chair_id_users_id_fk" FOREIGN KEY ("chair_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;