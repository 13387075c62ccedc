"""Site chrome learned across the articles of one site (copyedit.chrome, ``copyedit lint DIR``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from copyedit import Config, chrome, fix

from .cli_runner import run_cli

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "articles" / "kazakhstan-tr-en" / "input.txt"
SEED_CHROME = ("World news 24 hours a day", "Leave a Reply", "Your email address will not be published")


def site(folder: Path, articles: int = 20) -> Path:
    """The seed article and ``articles - 1`` others of its site: the same chrome, other stories."""
    folder.mkdir(exist_ok=True)
    (folder / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    for n in range(1, articles):
        body = (
            f"Council meeting number {n} ends\n\nThe council of district {n} met on day {n} of the month.\n\n"
            f"Its {n} members voted on budget line {n * 7}, the chair said."
        )
        text = f"World news 24 hours a day\n\n\n{body}\n\nLeave a Reply\n\n" \
               "Your email address will not be published. Required fields are marked *\n"
        (folder / f"story-{n:02}.txt").write_text(text, encoding="utf-8")
    return folder


def test_recurring_lines_are_learned_with_the_articles_that_taught_them() -> None:
    texts = {f"{n}.txt": f"Site slogan here\n\nStory {n} happened today.\n" for n in range(6)}
    texts["odd.txt"] = "Another story entirely.\n"
    learned = chrome.learn(texts, min_count=5, min_share=0.5)
    assert learned == {"Site slogan here": chrome.Taught(6, tuple(f"{n}.txt" for n in range(6)))}
    assert chrome.learn(texts, min_count=7, min_share=0.5) == {}  # too few articles hold it
    assert chrome.learn(texts, min_count=2, min_share=0.9) == {}  # too small a share


def test_the_learned_rule_file_loads_and_removes_the_line(tmp_path: Path) -> None:
    path = tmp_path / chrome.CACHE_NAME
    assert chrome.write_rule(path, {"Site slogan here": chrome.Taught(2, ("a.txt", "b.txt"))}, 2)
    assert "# 2 of 2 articles: a.txt, b.txt" in path.read_text(encoding="utf-8")
    result = fix("Site slogan here\n\nThe talks ended.\n", config=Config(select=("BP190",), rule_paths=(str(path),)), unsafe=True)
    assert result.text == "The talks ended.\n"
    assert not chrome.write_rule(path, {}, 2) and path.is_file()  # nothing learned: nothing written, nothing removed


def test_seed_chrome_is_learned_without_its_rules_across_twenty_articles(tmp_path: Path) -> None:
    folder = site(tmp_path / "site")
    done = run_cli("lint", str(folder), "--isolated", "--ignore", "boilerplate", "--unsafe-fixes", "--fix", "--exit-zero", "-j", "1", cwd=tmp_path)
    assert done.returncode == 0
    fixed = (folder / "seed.txt").read_text(encoding="utf-8")
    for line in SEED_CHROME:
        assert line not in fixed
    assert fixed.startswith("Kazakhstan President Tokayev")
    assert "Tokayev" in fixed and "CSTO" in fixed
    cache = (folder / chrome.CACHE_NAME).read_text(encoding="utf-8")
    assert '"World news 24 hours a day"  # 20 of 20 articles: seed.txt' in cache.replace(str(folder) + "/", "")
    assert "learned chrome (20 of 20 articles): Leave a Reply" in done.stderr.decode()


def test_one_article_later_uses_the_cache_and_no_cache_leaves_none(tmp_path: Path) -> None:
    folder = site(tmp_path / "site")
    assert run_cli("lint", str(folder), "--isolated", "--ignore", "boilerplate", "-q", "--exit-zero", "-j", "1", cwd=tmp_path).returncode == 0
    assert not (folder / chrome.CACHE_NAME).exists()  # a run that writes no article writes no learned file either
    assert run_cli("lint", str(folder), "--isolated", "--ignore", "boilerplate", "-q", "--fix", "--exit-zero", "-j", "1", cwd=tmp_path).returncode == 0
    assert chrome.is_cache(folder / chrome.CACHE_NAME)
    run_cli("lint", str(folder / "seed.txt"), "--isolated", "--ignore", "boilerplate", "--unsafe-fixes", "--fix", "-q", "--exit-zero", cwd=tmp_path).returncode
    assert "World news 24 hours a day" not in (folder / "seed.txt").read_text(encoding="utf-8")

    other = site(tmp_path / "other")
    run_cli("lint", str(other), "--isolated", "--ignore", "boilerplate", "--unsafe-fixes", "--fix", "--no-cache", "-q", "--exit-zero", "-j", "1", cwd=tmp_path).returncode
    assert "Leave a Reply" not in (other / "seed.txt").read_text(encoding="utf-8")
    assert not (other / chrome.CACHE_NAME).exists()


def test_a_few_articles_teach_nothing(tmp_path: Path) -> None:
    folder = site(tmp_path / "site", articles=3)
    run_cli("lint", str(folder), "--isolated", "--ignore", "boilerplate", "--unsafe-fixes", "--fix", "-q", "--exit-zero", "-j", "1", cwd=tmp_path).returncode
    assert "World news 24 hours a day" in (folder / "seed.txt").read_text(encoding="utf-8")
    assert not (folder / chrome.CACHE_NAME).exists()


def test_chrome_learn_writes_the_rule_the_service_and_hook_read_beside_their_configuration(tmp_path: Path) -> None:
    from copyedit.service.configuration import load_service_config
    from copyedit.service.protocol import parse_article, process

    folder = site(tmp_path / "site")
    settings = tmp_path / "desk"
    settings.mkdir()
    assert run_cli("chrome", "learn", str(folder), "-o", str(settings / chrome.CACHE_NAME), "-q", cwd=tmp_path).returncode == 0
    assert "World news 24 hours a day" in (settings / chrome.CACHE_NAME).read_text(encoding="utf-8")
    (settings / "copyedit.toml").write_text('packs = ["core"]\n', encoding="utf-8")
    article = parse_article({"body": (folder / "seed.txt").read_text(encoding="utf-8")})
    suggested = process(article, load_service_config(str(settings / "copyedit.toml")), mode="fix")
    assert "Leave a Reply" in suggested["body"]  # learned, not measured: an unsafe suggestion
    assert any(finding["code"] == "BP190" for finding in suggested["findings"])
    (settings / "copyedit.toml").write_text('packs = ["core"]\n[applicability]\nBP190 = "safe"\n', encoding="utf-8")
    fixed = process(article, load_service_config(str(settings / "copyedit.toml")), mode="fix")["body"]
    for line in SEED_CHROME:
        assert line not in fixed
    assert fixed.startswith("Kazakhstan President Tokayev")


def test_chrome_learn_needs_enough_articles(tmp_path: Path) -> None:
    folder = site(tmp_path / "site", articles=3)
    done = run_cli("chrome", "learn", str(folder), "-o", str(tmp_path / "out.yml"), cwd=tmp_path)
    assert done.returncode == 2
    assert "at least 5 are needed" in done.stderr.decode() and not (tmp_path / "out.yml").exists()


def test_counts_of_parts_merge_into_what_the_whole_teaches() -> None:
    texts = {f"{n}.txt": f"Site slogan here\n\nStory {n} happened today.\n" for n in range(8)}
    parts = [chrome.count_lines({k: v for k, v in texts.items() if int(k[0]) % 2 == half}) for half in (0, 1)]
    assert chrome.select(chrome.merge(parts), 5, 0.5) == chrome.learn(texts, 5, 0.5)


# --- who writes .copyedit-chrome.yml ----------------------------------------------------------------


def desk(folder: Path) -> Path:
    """A site with its configuration, an archive of 20 articles and 5 new ones without chrome (a
    pre-commit hook's few staged files)."""
    folder.mkdir()
    site(folder / "archive")
    (folder / "copyedit.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    (folder / "new").mkdir()
    for n in range(5):
        (folder / "new" / f"n{n}.txt").write_text(f"A new story, number {n}, on the talks.\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("mode", [(), ("--check",), ("--diff",), ("--format", "json"), ("--fix",)])
def test_lint_never_rewrites_nor_removes_the_file_chrome_learn_wrote(tmp_path: Path, mode: tuple[str, ...]) -> None:
    folder = desk(tmp_path / "desk")
    learned = folder / chrome.CACHE_NAME
    assert run_cli("chrome", "learn", "archive", "-o", chrome.CACHE_NAME, "-q", cwd=folder).returncode == 0
    made = learned.read_bytes()
    # five new articles learn nothing: the file stays (it was removed, even by --check)
    assert run_cli("lint", "new", "-q", *mode, "-j", "1", cwd=folder).returncode in (0, 1)
    assert learned.read_bytes() == made
    # five articles that repeat a line of their own: the file stays, and lint says what it lacks
    for n in range(5):
        (folder / "new" / f"n{n}.txt").write_text(f"A new story, number {n}.\n\nSubscribe to our daily letter\n", encoding="utf-8")
    done = run_cli("lint", "new", "-q", *mode, "-j", "1", cwd=folder)
    assert learned.read_bytes() == made
    assert "is kept as it is" in done.stderr.decode() and "'Subscribe to our daily letter'" in done.stderr.decode()
    # and the articles run with the file as it is
    assert "BP190" in run_cli("lint", "archive/seed.txt", "--ignore", "boilerplate", cwd=folder).stdout.decode()


@pytest.mark.parametrize("mode", [(), ("--check",), ("--diff",), ("--format", "sarif")])
def test_a_run_that_writes_no_article_learns_for_itself_only(tmp_path: Path, mode: tuple[str, ...]) -> None:
    folder = site(tmp_path / "site")
    done = run_cli("lint", ".", "--isolated", "--ignore", "boilerplate", "--unsafe-fixes", *mode, "-j", "1", cwd=folder)
    assert not (folder / chrome.CACHE_NAME).exists()
    assert "BP190" in done.stdout.decode() or "-Leave a Reply" in done.stdout.decode()  # learned for the run all the same
    assert f"serves this run only (--fix writes it to {folder / chrome.CACHE_NAME})" in done.stderr.decode()


def test_fix_rewrites_its_own_cache_and_learning_nothing_removes_nothing(tmp_path: Path) -> None:
    folder = site(tmp_path / "site")
    lint = ("lint", ".", "--isolated", "--ignore", "boilerplate", "--fix", "-q", "--exit-zero", "-j", "1")
    assert run_cli(*lint, cwd=folder).returncode == 0
    cache = folder / chrome.CACHE_NAME
    assert chrome.is_cache(cache) and "Leave a Reply" in cache.read_text(encoding="utf-8")
    for story in folder.glob("story-*.txt"):  # the site changes its comment form
        story.write_text(story.read_text(encoding="utf-8").replace("Leave a Reply", "Join the discussion"), encoding="utf-8")
    assert run_cli(*lint, cwd=folder).returncode == 0
    assert "Join the discussion" in cache.read_text(encoding="utf-8")  # a cache: the next run that learns rewrites it
    written = cache.read_bytes()
    for story in folder.glob("*.txt"):  # nothing recurs any more
        story.write_text(f"{story.stem} alone.\n", encoding="utf-8")
    assert run_cli(*lint, cwd=folder).returncode == 0
    assert cache.read_bytes() == written


def test_a_file_of_an_older_copyedit_or_of_the_user_is_kept(tmp_path: Path) -> None:
    folder = site(tmp_path / "site")
    house = "# the desk's own chrome\ncode: BP190\nname: learned-chrome\nkind: boilerplate\nlines: [\"Leave a Reply\"]\n"
    (folder / chrome.CACHE_NAME).write_text(house, encoding="utf-8")
    done = run_cli("lint", ".", "--isolated", "--ignore", "boilerplate", "--fix", "--exit-zero", "-j", "1", cwd=folder)
    assert (folder / chrome.CACHE_NAME).read_text(encoding="utf-8") == house
    assert "is kept as it is" in done.stderr.decode() and "2 lines it lacks" in done.stderr.decode()


def test_chrome_learn_says_that_html_pages_are_not_read(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for n in range(6):
        (pages / f"p{n}.html").write_text(f"<html><body><p>Story {n}.</p>\n<footer>Leave a Reply</footer></body></html>\n", encoding="utf-8")
    done = run_cli("chrome", "learn", "pages", "-o", "out.yml", cwd=tmp_path)
    stderr = done.stderr.decode()
    assert done.returncode == 2 and not (tmp_path / "out.yml").exists()
    assert "6 HTML files not read: site chrome is learned from plain-text and Markdown articles (*.txt *.md *.markdown)" in stderr
    assert "0 plain-text or Markdown articles; at least 5 are needed" in stderr
    # named one by one, a page is not read as plain text either: its tag lines are not the site's lines
    named = run_cli("chrome", "learn", *(f"pages/p{n}.html" for n in range(6)), "-o", "out.yml", cwd=tmp_path)
    assert named.returncode == 2 and "6 HTML files not read" in named.stderr.decode()
    assert not (tmp_path / "out.yml").exists()


def test_chrome_learn_reports_unreadable_articles_and_exits_2(tmp_path: Path) -> None:
    # As lint: a file that cannot be read is named on stderr, the others are still learned from, and the exit is 2.
    folder = site(tmp_path / "site")
    (folder / "latin.txt").write_bytes("Caf\xe9 story.\n".encode("latin-1"))
    done = run_cli("chrome", "learn", "site", "missing.txt", "-o", "out.yml", "-q", cwd=tmp_path)
    stderr = done.stderr.decode()
    assert done.returncode == 2, stderr
    assert "site/latin.txt: not valid UTF-8" in stderr
    assert "missing.txt: no such file or directory" in stderr and "removed during the run" not in stderr
    assert "World news 24 hours a day" in (tmp_path / "out.yml").read_text(encoding="utf-8")


def test_chrome_learn_reads_another_encoding_as_its_message_says(tmp_path: Path) -> None:
    # Its message for a file that is not UTF-8 says "pass --encoding": chrome learn takes it, as lint does.
    folder = site(tmp_path / "site", articles=6)
    for path in folder.iterdir():
        path.write_bytes(path.read_text(encoding="utf-8").replace("Council", "Conseil général").encode("latin-1", "replace"))
    done = run_cli("chrome", "learn", "site", "--encoding", "latin-1", "-o", "out.yml", "-q", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert "World news 24 hours a day" in (tmp_path / "out.yml").read_text(encoding="utf-8")


def test_chrome_learn_leaves_out_named_sidecar_sources_and_counts_in_words(tmp_path: Path) -> None:
    """``copyedit chrome learn site/*.txt`` names each article's ``story.src.ru.txt`` too: a source is no
    article of the site (its lines were learned, and it counted towards the share), as in a folder. One line
    learned is "1 line", not "1 lines"."""
    for n in range(5):
        (tmp_path / f"s{n}.txt").write_text(f"Story {n} is here.\n\nWorld news 24 hours a day\n", encoding="utf-8")
        (tmp_path / f"s{n}.src.ru.txt").write_text(f"История {n}.\n\nНовости мира круглосуточно\n", encoding="utf-8")
    named = sorted(path.name for path in tmp_path.glob("*.txt"))
    done = run_cli("chrome", "learn", *named, "-o", "out.yml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    written = (tmp_path / "out.yml").read_text(encoding="utf-8")
    assert "World news 24 hours a day" in written and "Новости" not in written
    assert b"chrome learn: 1 line from 5 articles written to out.yml" in done.stderr
