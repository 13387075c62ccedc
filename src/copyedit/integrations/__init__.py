"""Adapters that run copyedit inside other systems (distributed engines, content management systems)."""
