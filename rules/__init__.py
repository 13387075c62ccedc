"""The built-in rule packs: one folder per pack, one YAML file per rule (data only)."""
