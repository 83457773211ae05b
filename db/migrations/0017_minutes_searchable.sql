DROP INDEX "minutes_versions_fts_sv_idx";--> statement-breakpoint
DROP INDEX "minutes_versions_fts_en_idx";--> statement-breakpoint
ALTER TABLE "minutes_versions" ADD COLUMN "searchable" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Versions stay immutable (0005) but for this mark, which moves to the newest as versions are added.
CREATE OR REPLACE FUNCTION minutes_versions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'searchable') = (to_jsonb(OLD) - 'searchable') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'minutes versions are immutable';
END;
$$;--> statement-breakpoint
-- Search shows one version per meeting: the final one, else the newest draft. A new version takes
-- the mark from the one before it, whichever code path saved it.
CREATE FUNCTION "minutes_versions_mark_searchable"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  chosen bigint := coalesce(
    (SELECT id FROM minutes_versions WHERE meeting_id = NEW.meeting_id AND kind = 'final'),
    (SELECT max(id) FROM minutes_versions WHERE meeting_id = NEW.meeting_id));
BEGIN
  UPDATE minutes_versions SET searchable = (id = chosen)
   WHERE meeting_id = NEW.meeting_id AND (searchable OR id = chosen) AND searchable IS DISTINCT FROM (id = chosen);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "minutes_versions_mark_searchable" AFTER INSERT ON "minutes_versions" FOR EACH ROW EXECUTE FUNCTION "minutes_versions_mark_searchable"();--> statement-breakpoint
UPDATE minutes_versions v SET searchable = true
 WHERE v.id = coalesce(
   (SELECT f.id FROM minutes_versions f WHERE f.meeting_id = v.meeting_id AND f.kind = 'final'),
   (SELECT max(d.id) FROM minutes_versions d WHERE d.meeting_id = v.meeting_id));--> statement-breakpoint
CREATE INDEX "minutes_versions_fts_sv_idx" ON "minutes_versions" USING gin (to_tsvector('swedish', "text")) WHERE searchable;--> statement-breakpoint
CREATE INDEX "minutes_versions_fts_en_idx" ON "minutes_versions" USING gin (to_tsvector('english', "text")) WHERE searchable;