-- The statistics the steering group chose move into the partnership's reporting rule (decision 019).
UPDATE "partnerships" p SET "reporting_rule" = jsonb_build_object(
  'due', '{"kind":"afterYearEnd","months":1}'::jsonb, 'narrative', false, 'attachments', '[]'::jsonb,
  'financial', false, 'accountsApproval', false, 'byGender', '[]'::jsonb, 'statistics', to_jsonb(s."keys"))
FROM "partnership_report_statistics" s WHERE s."partnership_id" = p."id" AND p."reporting_rule" IS NULL;--> statement-breakpoint
DROP TABLE "partnership_report_statistics" CASCADE;
