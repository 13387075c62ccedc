from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "articles"


@pytest.fixture
def write_rule(tmp_path: Path):
    """Write a YAML rule file into a temporary folder and return its path."""

    def write(text: str, name: str = "rule.yml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
