"""A minimal Wagtail site for tests/test_wagtail.py: one page model, the admin, SQLite in a temp dir."""
