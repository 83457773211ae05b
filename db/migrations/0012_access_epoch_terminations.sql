-- A notice ends a party's participation, and with it its chair turns (decision 016): open
-- sockets re-check their rights when one is recorded, as for memberships (0009).
CREATE TRIGGER terminations_access_epoch AFTER INSERT OR UPDATE OR DELETE ON terminations
  FOR EACH STATEMENT EXECUTE FUNCTION access_epoch_advance();
