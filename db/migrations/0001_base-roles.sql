-- The three fixed base roles (ROLE-1). Their permissions come from lib/authz, not from rows.
INSERT INTO "roles" ("key", "base_role", "name", "description") VALUES
  ('partner', 'partner', 'Partner', 'Partner administrator of a partner organisation'),
  ('admin', 'admin', 'Account Admin', 'Administrator of one customer account'),
  ('user', 'user', 'User', 'User of a customer account')
ON CONFLICT DO NOTHING;
