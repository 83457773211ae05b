-- Who may do what in a meeting follows from users, memberships, parties and the chair rotation.
-- Any change to them advances this counter, so open sockets re-check their rights with one cheap
-- read instead of every socket polling its own permissions.
CREATE SEQUENCE access_epoch;
--> statement-breakpoint
CREATE FUNCTION access_epoch_advance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('access_epoch');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER users_access_epoch AFTER INSERT OR UPDATE OR DELETE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION access_epoch_advance();
--> statement-breakpoint
CREATE TRIGGER group_members_access_epoch AFTER INSERT OR UPDATE OR DELETE ON group_members
  FOR EACH STATEMENT EXECUTE FUNCTION access_epoch_advance();
--> statement-breakpoint
CREATE TRIGGER groups_access_epoch AFTER INSERT OR UPDATE OR DELETE ON groups
  FOR EACH STATEMENT EXECUTE FUNCTION access_epoch_advance();
--> statement-breakpoint
CREATE TRIGGER parties_access_epoch AFTER INSERT OR UPDATE OR DELETE ON parties
  FOR EACH STATEMENT EXECUTE FUNCTION access_epoch_advance();
--> statement-breakpoint
CREATE TRIGGER turn_holders_access_epoch AFTER INSERT OR UPDATE OR DELETE ON turn_holders
  FOR EACH STATEMENT EXECUTE FUNCTION access_epoch_advance();
--> statement-breakpoint
CREATE TRIGGER rotation_overrides_access_epoch AFTER INSERT OR UPDATE OR DELETE ON rotation_overrides
  FOR EACH STATEMENT EXECUTE FUNCTION access_epoch_advance();
