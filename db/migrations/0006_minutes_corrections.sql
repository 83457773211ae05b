CREATE TABLE "minutes_correction_approvals" (
	"correction_id" bigint NOT NULL,
	"user_id" uuid NOT NULL,
	"approved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "minutes_correction_approvals_correction_id_user_id_pk" PRIMARY KEY("correction_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "minutes_corrections" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"text" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "minutes_correction_approvals" ADD CONSTRAINT "minutes_correction_approvals_correction_id_minutes_corrections_id_fk" FOREIGN KEY ("correction_id") REFERENCES "public"."minutes_corrections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_correction_approvals" ADD CONSTRAINT "minutes_correction_approvals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_corrections" ADD CONSTRAINT "minutes_corrections_meeting_id_minutes_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."minutes"("meeting_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_corrections" ADD CONSTRAINT "minutes_corrections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "minutes_corrections_meeting_idx" ON "minutes_corrections" USING btree ("meeting_id","id");