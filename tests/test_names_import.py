"""``copyedit names import``: house registries from Wikidata dumps, SPARQL results, ParaNames and the house CSV."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from copyedit.names_registry import RegistryFileError, load_registry, read_registry_file
from copyedit.names_registry.importers import Report, build_registry, read_input, write_registry

from .cli_runner import run_cli

DATA = Path(__file__).parent / "data" / "names"
FIXTURES = ["wikidata-dump.json", "sparql-results.csv", "sparql-results.json", "paranames.tsv", "house.csv"]


def _entries(path: Path) -> dict[str, dict[str, object]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["built_by"] == "copyedit names import"
    return {row["en"]: row for row in map(json.loads, lines[1:])}


@pytest.mark.parametrize("name", FIXTURES)
def test_each_format_imports_into_a_registry_nm103_reads(name: str, tmp_path: Path) -> None:
    out = tmp_path / "house.jsonl"
    done = run_cli("names", "import", str(DATA / name), "-o", str(out), cwd=tmp_path)
    assert done.returncode == 0
    entries = _entries(out)
    kovalchuk = entries["Bohdan Kovalchuk"]
    assert kovalchuk["type"] == "person" and "Богдан Ковальчук" in kovalchuk["native"]  # type: ignore[operator]
    assert "Bogdan Kowaltschuk" in kovalchuk["forms"]["de"]  # type: ignore[index]  # generated from the native form
    registry = load_registry((str(out),))
    assert registry.lookup("Bogdan Kowaltschuk", ("de",)).entry.en == "Bohdan Kovalchuk"  # type: ignore[union-attr]
    assert "wrote" in done.stdout.decode()


@pytest.mark.parametrize("name", FIXTURES)
def test_each_format_reads_a_file_that_starts_with_a_byte_order_mark(name: str, tmp_path: Path) -> None:
    marked = tmp_path / name
    marked.write_bytes(b"\xef\xbb\xbf" + (DATA / name).read_bytes())
    report = Report()
    assert "Bohdan Kovalchuk" in [r.en for r in read_input(str(marked), None, report)]


def test_wikidata_types_labels_and_aliases(tmp_path: Path) -> None:
    report = Report()
    records = list(read_input(str(DATA / "wikidata-dump.json"), None, report))
    assert [(r.key, r.en, r.type) for r in records] == [
        ("Q9990001", "Bohdan Kovalchuk", "person"), ("Q9990002", "Pidhorodne", "city"),
    ]
    assert report.skipped == 1  # a blue whale (P31 taxon) is no name in the news
    assert records[0].alt == ["Bogdan Kovalchuk"] and records[0].forms["de"] == ["Bohdan Kowaltschuk"]


def _wikidata_person(qid: str, english: str) -> str:
    """A line of a Wikidata dump: a human (P31 Q5) with an English and a Russian label."""
    claims = {"P31": [{"mainsnak": {"snaktype": "value", "datavalue": {"value": {"id": "Q5"}}}}]}
    return json.dumps({"id": qid, "labels": {"en": {"value": english}, "ru": {"value": "Иван Петров"}}, "claims": claims})


def test_wikidata_english_labels_are_stripped_and_a_blank_one_is_skipped(tmp_path: Path) -> None:
    dump = tmp_path / "dump.json"
    dump.write_text(_wikidata_person("Q1", " Ivan Petrov ") + "\n" + _wikidata_person("Q2", " ") + "\n", encoding="utf-8")
    report = Report()
    assert [r.en for r in read_input(str(dump), None, report)] == ["Ivan Petrov"] and report.skipped == 1


def test_a_registry_that_would_not_load_is_not_written_and_the_file_keeps_what_it_held(tmp_path: Path) -> None:
    out = tmp_path / "house.jsonl"
    assert run_cli("names", "import", str(DATA / "house.csv"), "-o", str(out), cwd=tmp_path).returncode == 0
    before = out.read_bytes()
    bad = [{"en": "Anna", "type": "person", "source": "house CSV"}, {"en": " ", "type": "person", "source": "Wikidata Q1"}]
    problem = r"house.jsonl: not written \(left as it was\): entry 2 \(Wikidata Q1\) would not load: 'en' must be a non-empty string"
    with pytest.raises(RegistryFileError, match=problem):
        write_registry(bad, out, ["dump.json"])
    assert out.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["house.jsonl"]


def test_sparql_rows_of_one_item_merge_and_unlabelled_items_are_skipped() -> None:
    report = Report()
    entries = build_registry(read_input(str(DATA / "sparql-results.csv"), "sparql", report), report)
    assert [e["en"] for e in entries] == ["Bohdan Kovalchuk"] and report.skipped == 1
    assert report.duplicates == [] and report.conflicts == []


def test_paranames_types() -> None:
    report = Report()
    types = {r.en: r.type for r in read_input(str(DATA / "paranames.tsv"), None, report)}
    assert types == {"Bohdan Kovalchuk": "person", "Pidhorodne": "place", "Ukrnafta Group": "organisation"}


def test_duplicates_and_conflicts_are_reported(tmp_path: Path) -> None:
    done = run_cli("names", "import", str(DATA / "house.csv"), "-o", str(tmp_path / "r.jsonl"), cwd=tmp_path)
    err = done.stderr.decode()
    assert done.returncode == 0
    assert "duplicate: " in err and "house.csv:4: 'Bohdan Kovalchuk' repeats " in err
    tsv = tmp_path / "clash.tsv"
    tsv.write_text(
        "wikidata_id\teng\tlabel\tlanguage\ttype\n"
        "Q1\tJohn Smith\tJan Kowalski\tpl\tPER\n"
        "Q2\tJohn Smith\tJan Kowalski\tpl\tPER\n"
        "Q1\tJohn Smyth\tJ. Smith\tde\tPER\n",
        encoding="utf-8",
    )
    report = Report()
    entries = build_registry(read_input(str(tsv), None, report), report)
    assert len(entries) == 2 and all("pl" not in e["forms"] for e in entries)  # never merged, shared spelling dropped
    assert any("'John Smith' names 2 entities" in c for c in report.conflicts)
    assert any("'Jan Kowalski' is a spelling of 2 entities" in c for c in report.conflicts)
    assert any("clash.tsv:4: Q1 is 'John Smyth'" in c for c in report.conflicts)


def test_one_english_form_of_two_kinds_in_the_house_csv_is_two_entries(tmp_path: Path) -> None:
    house = tmp_path / "house.csv"
    house.write_text("english,native,kind,note\nGeorgia,Грузия,country,\nGeorgia,Джорджия,region,US state\n", encoding="utf-8")
    report = Report()
    entries = build_registry(read_input(str(house), None, report), report)
    assert sorted((e["type"], tuple(e["native"])) for e in entries) == [("country", ("Грузия",)), ("region", ("Джорджия",))]
    assert report.duplicates == [] and any("'Georgia' names 2 entities" in c for c in report.conflicts)


def test_an_output_that_is_one_of_the_inputs_is_refused_naming_it(tmp_path: Path) -> None:
    house = tmp_path / "house.csv"
    shutil.copy(DATA / "house.csv", house)
    (tmp_path / "link.csv").symlink_to(house)
    for output in ("house.csv", "link.csv"):
        done = run_cli("names", "import", str(DATA / "paranames.tsv"), "house.csv", "-o", output, cwd=tmp_path)
        assert done.returncode == 2
        assert f"-o {output} is the input house.csv: the registry would replace it" in done.stderr.decode()
    assert house.read_bytes() == (DATA / "house.csv").read_bytes()


MALFORMED = {
    "dump.json": ('[\n{"id": "Q1", "labels": {}, "claims": {}},\n{"id": "Q2", "labels": \n]\n', "dump.json:3: not a JSON entity"),
    "results.csv": ("item,itemLabel,nativeName,lang\nQ1,Anna,Анна,ru\nQ2,Boris,Борис\n", "results.csv:3: 3 fields, the header has 4"),
    "results.json": (
        '{"head": {"vars": ["item"]},\n "results": {"bindings": [\n  {"item": {"value": "Q1"}, "itemLabel": {"value": "A"}},\n'
        '  {"item": "Q2"}\n]}}\n',
        "results.json:4: binding 2",
    ),
    "names.tsv": ("wikidata_id\teng\tlabel\tlanguage\ttype\nQ1\tAnna\tАнна\tru\tPER\nQ2\tBoris\tБорис\tru\tANIMAL\n", "names.tsv:3: type 'ANIMAL'"),
    "house.csv": ("english,native,kind,note\nAnna,Анна,person,\nBoris,Борис,emperor,\n", "house.csv:3: kind 'emperor'"),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_a_malformed_line_is_refused_naming_the_file_and_line(name: str, tmp_path: Path) -> None:
    text, message = MALFORMED[name]
    (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    done = run_cli("names", "import", str(tmp_path / name), "-o", str(out), cwd=tmp_path)
    assert done.returncode == 2
    err = done.stderr.decode()
    assert message in err and "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize("suffix, compress", [(".gz", "gzip"), (".bz2", "bz2"), (".xz", "lzma")])
def test_a_compressed_dump_streams_through(suffix: str, compress: str, tmp_path: Path) -> None:
    import importlib

    dump = tmp_path / f"latest-all.json{suffix}"
    dump.write_bytes(importlib.import_module(compress).compress((DATA / "wikidata-dump.json").read_bytes()))
    records = read_input(str(dump), None, Report())
    assert next(records).en == "Bohdan Kovalchuk"  # read as it comes: a generator, not a list
    assert [r.en for r in records] == ["Pidhorodne"]


def test_an_unreadable_dump_is_refused_naming_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "dump.json.gz"
    broken.write_bytes(b"not gzip at all")
    latin1 = tmp_path / "house.csv"
    latin1.write_bytes(b"english,native,kind,note\nM\xfcnchen,M\xfcnchen,city,\n")
    for bad, message in ((broken, "dump.json.gz: cannot read"), (latin1, "house.csv:2: not valid UTF-8 (byte 0xfc at offset 26)")):
        done = run_cli("names", "import", str(bad), "-o", str(tmp_path / "out.jsonl"), cwd=tmp_path)
        assert done.returncode == 2 and message in done.stderr.decode()
    assert not (tmp_path / "out.jsonl").exists()


@pytest.mark.parametrize("suffix", ["", ".gz"])
def test_a_byte_that_is_not_utf8_is_named_by_its_line_and_its_offset_in_the_file(suffix: str, tmp_path: Path) -> None:
    import gzip

    lines = [b"english,native,kind,note\n"] + [f"Name {i},Имя {i},person,\n".encode() for i in range(2000)]
    lines.append(b"M\xfcnchen,M\xfcnchen,city,\n")  # Latin-1, past the first chunks a decoder reads
    data = b"".join(lines)
    house = tmp_path / f"house.csv{suffix}"
    house.write_bytes(gzip.compress(data) if suffix else data)
    offset = len(data) - len(lines[-1]) + 1
    where = " of the decompressed data" if suffix else ""
    with pytest.raises(RegistryFileError, match=rf"house.csv{suffix}:2002: not valid UTF-8 \(byte 0xfc at offset {offset}{where}\)"):
        list(read_input(str(house), None, Report()))


def test_a_malformed_registry_file_names_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "house.jsonl"
    bad.write_text('{"registry": "house"}\n{"en": "Anna", "type": "person", "forms": {"de": "Anna"}}\n', encoding="utf-8")
    with pytest.raises(RegistryFileError, match=r"house.jsonl:2: 'forms' must map"):
        read_registry_file(str(bad))


def test_end_to_end_a_house_csv_teaches_lint_a_name_the_shipped_registry_lacks(tmp_path: Path) -> None:
    assert load_registry().lookup("Bogdan Kowaltschuk", ("de",)) is None
    shutil.copy(DATA / "house.csv", tmp_path / "house.csv")
    assert run_cli("names", "import", str(tmp_path / "house.csv"), "-o", str(tmp_path / "house.jsonl"), cwd=tmp_path).returncode == 0
    (tmp_path / "copyedit.toml").write_text('names-registry = ["house.jsonl"]\nsource-lang = "de"\n', encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("Governor Bogdan Kowaltschuk said the bridge would reopen.\n", encoding="utf-8")
    found = run_cli("lint", "--select", "NM103", "--no-color", str(story), cwd=tmp_path)
    assert found.returncode == 1 and "NM103" in found.stdout.decode()
    assert run_cli("lint", "--select", "NM103", "--fix", "--unsafe-fixes", str(story), cwd=tmp_path).returncode == 0
    assert story.read_text(encoding="utf-8") == "Governor Bohdan Kovalchuk said the bridge would reopen.\n"
    # without the house registry the name is unknown
    story.write_text("Governor Bogdan Kowaltschuk said the bridge would reopen.\n", encoding="utf-8")
    assert run_cli("lint", "--isolated", "--select", "NM103", "--source-lang", "de", str(story), cwd=tmp_path).returncode == 0


def test_a_house_place_adds_to_the_shipped_place_of_its_name_instead_of_silencing_it(tmp_path: Path) -> None:
    (tmp_path / "places.tsv").write_text(
        "wikidata_id\teng\tlabel\tlanguage\ttype\nQ1899\tKyiv\tKijów\tpl\tLOC\nQ1899\tKyiv\tKyjev\tsk\tLOC\n"
        "Q230\tGeorgia\tDżordżia\tpl\tLOC\n",
        encoding="utf-8",
    )
    (tmp_path / "states.csv").write_text("english,native,kind,note\nGeorgia,Джорджия,region,US state\n", encoding="utf-8")
    for name in ("places.tsv", "states.csv"):
        assert run_cli("names", "import", name, "-o", f"{name}.jsonl", cwd=tmp_path).returncode == 0
    registry = load_registry((str(tmp_path / "places.tsv.jsonl"), str(tmp_path / "states.csv.jsonl")))
    kyiv = registry.lookup("Kijów", ("pl",))  # ParaNames says LOC; the shipped Kyiv is a city: one entity
    assert kyiv is not None and (kyiv.entry.en, kyiv.entry.type) == ("Kyiv", "city")
    assert "ParaNames Q1899" in kyiv.entry.source
    assert registry.lookup("Kyjev", ("sk",)) is not None and registry.lookup("Kiew", ("de",)) is not None  # both kept
    assert registry.lookup("Dżordżia", ("pl",)).entry.type == "country"  # type: ignore[union-attr]
    assert {e.type for e in registry.entries if e.en == "Georgia"} == {"country", "region"}  # the US state: another entity
    (tmp_path / "copyedit.toml").write_text('names-registry = ["places.tsv.jsonl"]\n', encoding="utf-8")
    (tmp_path / "story.txt").write_text("Talks in Kijów.\n", encoding="utf-8")
    found = run_cli("lint", "--select", "NM103", "--no-color", "story.txt", cwd=tmp_path)
    assert found.returncode == 1 and "“Kijów” is the Polish spelling of Kyiv" in found.stdout.decode()


def test_the_configuration_key_must_name_a_file(tmp_path: Path) -> None:
    (tmp_path / "copyedit.toml").write_text('names-registry = ["missing.jsonl"]\n', encoding="utf-8")
    (tmp_path / "story.txt").write_text("Hello.\n", encoding="utf-8")
    done = run_cli("lint", str(tmp_path / "story.txt"), cwd=tmp_path)
    assert done.returncode == 2 and "names-registry" in done.stderr.decode()


def test_a_house_registry_is_kept_in_the_cache_and_built_again_when_its_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import copyedit.names_registry as names_registry

    monkeypatch.setenv("COPYEDIT_CACHE_DIR", str(tmp_path / "cache"))
    house = tmp_path / "house.jsonl"
    header = '{"registry": "house"}\n'
    house.write_text(header + '{"en": "Bohdan Kovalchuk", "type": "person", "forms": {"de": ["Bogdan Kowaltschuk"]}}\n', encoding="utf-8")
    load_registry.cache_clear()
    assert load_registry((str(house),)).lookup("Bogdan Kowaltschuk", ("de",)).entry.en == "Bohdan Kovalchuk"  # type: ignore[union-attr]
    assert len(list((tmp_path / "cache").glob("data-house-registry-*.pickle"))) == 1

    def never(*args: object) -> object:
        raise AssertionError("built again although the cache holds it")

    load_registry.cache_clear()
    with monkeypatch.context() as patched:
        patched.setattr(names_registry, "_with_house_entries", never)
        kept = load_registry((str(house),))
    assert kept.lookup("Bogdan Kowaltschuk", ("de",)).entry.en == "Bohdan Kovalchuk"  # type: ignore[union-attr]
    assert kept.lookup("Kijów", ("pl",)).entry.en == "Kyiv"  # type: ignore[union-attr]  # the shipped entries too
    house.write_text(header + '{"en": "Anna Kowalska", "type": "person", "forms": {"de": ["Anna Kowalskaja"]}}\n', encoding="utf-8")
    load_registry.cache_clear()
    changed = load_registry((str(house),))
    assert changed.lookup("Bogdan Kowaltschuk", ("de",)) is None
    assert changed.lookup("Anna Kowalskaja", ("de",)).entry.en == "Anna Kowalska"  # type: ignore[union-attr]
    load_registry.cache_clear()


def test_an_orthography_that_is_no_code_is_refused_naming_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "house.jsonl"
    bad.write_text('{"registry": "house"}\n{"en": "Anna", "type": "person", "forms": {"de:at": ["Anna"]}}\n', encoding="utf-8")
    with pytest.raises(RegistryFileError, match=r"house.jsonl:2: orthography 'de:at' in 'forms' must be a code"):
        read_registry_file(str(bad))


def test_the_import_counts_in_words(tmp_path: Path) -> None:
    # "wrote r.jsonl: 1 entries (0 skipped, 0 duplicates, 0 conflicts)"
    (tmp_path / "one.csv").write_text("english,native,kind,note\nBohdan Kovalchuk,Богдан Ковальчук,person,\n", encoding="utf-8")
    done = run_cli("names", "import", "one.csv", "-o", "r.jsonl", cwd=tmp_path)
    assert done.stdout == b"wrote r.jsonl: 1 entry (0 skipped, 0 duplicates, 0 conflicts)\n"
