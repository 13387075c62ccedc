"""``.pre-commit-hooks.yaml`` run by the real pre-commit tool on a temporary git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
# Where this environment keeps its packages (pure Python and compiled; one folder on most systems).
INSTALLED = list(dict.fromkeys(sysconfig.get_paths()[kind] for kind in ("purelib", "platlib")))
GIT = ["git", "-c", "user.email=test@example.com", "-c", "user.name=test", "-c", "init.defaultBranch=main"]


def git(*args: str, cwd: Path) -> str:
    return subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def snapshot_of_this_project(target: Path) -> str:
    """Commit the project's current files (tracked and new, not ignored) into a fresh repository,
    so pre-commit installs exactly what is in the working tree."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.splitlines()
    for name in listed:
        source = ROOT / name
        if source.is_file() and not name.startswith(("tests/", "benchmarks/", "fixtures/")):
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git("init", "-q", cwd=target)
    git("add", "-A", cwd=target)
    git("commit", "-q", "-m", "snapshot", cwd=target)
    return git("rev-parse", "HEAD", cwd=target)


@pytest.mark.slow(seconds=20)
@pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed (pip install -e '.[test]')")
def test_pre_commit_hook_fixes_and_stops_the_commit(tmp_path: Path) -> None:
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    revision = snapshot_of_this_project(hooks)
    work = tmp_path / "work"
    work.mkdir()
    git("init", "-q", cwd=work)
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks}\n    rev: {revision}\n    hooks:\n      - id: copyedit\n", encoding="utf-8"
    )
    # A newsroom that applies the doubled-word fix by default (built in, it is a suggestion).
    (work / "copyedit.toml").write_text('[applicability]\nC401 = "safe"\n\n[severity]\nC401 = "warning"\n', encoding="utf-8")
    (work / "story.txt").write_text("He said the the cat left.\n", encoding="utf-8")
    (work / "clean.txt").write_text("The cat left.\n", encoding="utf-8")
    (work / "code.py").write_text("x = 'the the'\n", encoding="utf-8")
    git("add", "-A", cwd=work)
    # What pre-commit does is what the test is about; the work pip repeats for it is not. pip need not
    # - byte-compile the hook environment's packages (a tenth of the test's CPU time), nor
    # - install copyedit's dependencies into it again (babel, lxml, trafilatura, islenska...: two fifths):
    #   this environment's packages are on the path, so pip finds them installed and installs copyedit
    #   alone, built from the snapshot. The hook runs that copyedit: this environment's is an editable
    #   install, found through a .pth file, and a .pth file on PYTHONPATH is never read.
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "PIP_NO_COMPILE": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PYTHONPATH": os.pathsep.join([*INSTALLED, *filter(None, [os.environ.get("PYTHONPATH")])]),
    }
    first = subprocess.run([PRE_COMMIT, "run", "--all-files"], cwd=work, env=env, capture_output=True, text=True, timeout=600)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert (work / "story.txt").read_text(encoding="utf-8") == "He said the cat left.\n"
    assert (work / "code.py").read_text(encoding="utf-8") == "x = 'the the'\n"  # not an article: not passed
    git("add", "-A", cwd=work)
    second = subprocess.run([PRE_COMMIT, "run", "--all-files"], cwd=work, env=env, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stdout + second.stderr


def test_the_hooks_pass_the_files_lint_reads_in_a_folder_extensions_in_any_case() -> None:
    """``lint`` reads ``STORY.TXT`` and ``PAGE.HTML`` (an archive from Windows); the hooks' ``files`` pattern
    passed only lower-case extensions, so pre-commit never showed it those articles."""
    import re

    import yaml

    for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")):
        pattern = re.compile(hook["files"])  # pre-commit matches with re.search
        assert all(pattern.search(name) for name in ("a/story.txt", "STORY.TXT", "Page.Html", "notes.MD", "b.markdown")), hook["id"]
        assert not any(pattern.search(name) for name in ("code.py", "story.txt.bak", "TXT")), hook["id"]
