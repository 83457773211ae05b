-- Approved minutes are final: their stored versions are never changed or removed,
-- and minutes that are final never go back to draft.
CREATE FUNCTION minutes_versions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'minutes versions are immutable';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER minutes_versions_immutable BEFORE UPDATE OR DELETE ON minutes_versions
  FOR EACH ROW EXECUTE FUNCTION minutes_versions_refuse_change();
--> statement-breakpoint
CREATE FUNCTION minutes_final_stays_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'final' AND NEW.status <> 'final' THEN
    RAISE EXCEPTION 'final minutes cannot be reopened';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER minutes_final_stays_final BEFORE UPDATE ON minutes
  FOR EACH ROW EXECUTE FUNCTION minutes_final_stays_final();
