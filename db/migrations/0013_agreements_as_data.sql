CREATE TYPE "public"."accounts_outcome" AS ENUM('approved', 'sent_back');--> statement-breakpoint
CREATE TYPE "public"."follow_up_kind" AS ENUM('follow_up', 'evaluation');--> statement-breakpoint
CREATE TYPE "public"."follow_up_recurrence" AS ENUM('yearly', 'once');--> statement-breakpoint
CREATE TYPE "public"."follow_up_status" AS ENUM('planned', 'done');--> statement-breakpoint
CREATE TYPE "public"."payment_status" AS ENUM('due', 'paid', 'stopped', 'reclaimed');--> statement-breakpoint
ALTER TYPE "public"."case_kind" ADD VALUE 'renegotiation';--> statement-breakpoint
CREATE TABLE "court_rulings" (
	"partnership_id" uuid PRIMARY KEY NOT NULL,
	"authority" text NOT NULL,
	"case_number" text DEFAULT '' NOT NULL,
	"final_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"kind" "follow_up_kind" NOT NULL,
	"title" text NOT NULL,
	"covers" text DEFAULT '' NOT NULL,
	"presented_to" text DEFAULT '' NOT NULL,
	"recurrence" "follow_up_recurrence" NOT NULL,
	"due_on" date NOT NULL,
	"lead_user_id" uuid,
	"status" "follow_up_status" DEFAULT 'planned' NOT NULL,
	"done_on" date,
	"outcome" text DEFAULT '' NOT NULL,
	"report_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"decision_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_indexes" (
	"partnership_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"percent" text NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_indexes_partnership_id_year_pk" PRIMARY KEY("partnership_id","year")
);
--> statement-breakpoint
CREATE TABLE "grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"amount" bigint NOT NULL,
	"decision_reference" text DEFAULT '' NOT NULL,
	"index_percent" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_stops" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"decision_id" uuid NOT NULL,
	"stopped_on" date NOT NULL,
	"lifted_on" date,
	"lifted_decision_id" uuid,
	"reason" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"amount" bigint NOT NULL,
	"status" "payment_status" DEFAULT 'due' NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	"settled_on" date,
	"decision_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "yearly_report_reviews" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"outcome" "accounts_outcome" NOT NULL,
	"decision_id" uuid NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"reviewed_by" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "partnerships" ADD COLUMN "reporting_rule" jsonb;--> statement-breakpoint
ALTER TABLE "partnerships" ADD COLUMN "funding_rule" jsonb;--> statement-breakpoint
ALTER TABLE "partnerships" ADD COLUMN "funds_condition" jsonb;--> statement-breakpoint
ALTER TABLE "yearly_reports" ADD COLUMN "attachments" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "court_rulings" ADD CONSTRAINT "court_rulings_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_rulings" ADD CONSTRAINT "court_rulings_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_lead_user_id_users_id_fk" FOREIGN KEY ("lead_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_indexes" ADD CONSTRAINT "funding_indexes_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_indexes" ADD CONSTRAINT "funding_indexes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_stops" ADD CONSTRAINT "payment_stops_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_stops" ADD CONSTRAINT "payment_stops_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_stops" ADD CONSTRAINT "payment_stops_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_stops" ADD CONSTRAINT "payment_stops_lifted_decision_id_decisions_id_fk" FOREIGN KEY ("lifted_decision_id") REFERENCES "public"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_stops" ADD CONSTRAINT "payment_stops_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "yearly_report_reviews" ADD CONSTRAINT "yearly_report_reviews_report_id_yearly_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."yearly_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "yearly_report_reviews" ADD CONSTRAINT "yearly_report_reviews_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "yearly_report_reviews" ADD CONSTRAINT "yearly_report_reviews_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "follow_ups_partnership_idx" ON "follow_ups" USING btree ("partnership_id","due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "grants_party_year_idx" ON "grants" USING btree ("partnership_id","party_id","year");--> statement-breakpoint
CREATE INDEX "payment_stops_party_idx" ON "payment_stops" USING btree ("partnership_id","party_id");--> statement-breakpoint
CREATE INDEX "payments_grant_idx" ON "payments" USING btree ("grant_id","due_on");--> statement-breakpoint
CREATE INDEX "yearly_report_reviews_report_idx" ON "yearly_report_reviews" USING btree ("report_id","id");