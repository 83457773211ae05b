ALTER TABLE "terminations" ADD COLUMN "case_id" uuid;--> statement-breakpoint
ALTER TABLE "terminations" ADD COLUMN "committee_reference" text;--> statement-breakpoint
ALTER TABLE "terminations" ADD COLUMN "committee_decided_on" date;--> statement-breakpoint
ALTER TABLE "terminations" ADD CONSTRAINT "terminations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;