"""detente.Coder with legacy (PETRARCH-2/TABARI) and custom dictionaries: the same
records as `detente code --actors/--agents/--verbs/--discards`, the same loader
warnings, and clear errors for missing or unreadable files."""

import ast
import pathlib

import pytest

import detente
from conftest import shared_dir

VERBS = "--- RESTORE [064] ---\nRESTORE\n- * TIES WITH + [064]\n\n--- ACCUSE [112] ---\nACCUSE\nBLAME\n"
ACTORS = "ARNOR [ARN]\nGONDOR [GON]\nNAZGUL [---]\n"
AGENTS = "GOVERNMENT [~GOV]\nSOLDIER [~MIL]\n"
TEXT = (
    "The government of Arnor restored ties with Gondor on Monday. "
    "Gondor accused Arnor of lying. Israel and Syria held talks.\n"
)


@pytest.fixture
def dicts(tmp_path):
    paths = {}
    for name, text in [("verbs", VERBS), ("actors", ACTORS), ("agents", AGENTS)]:
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_text(text, encoding="utf-8")
    (tmp_path / "article.txt").write_text(TEXT, encoding="utf-8")
    return paths


def test_legacy_dictionaries_same_as_cli(cli, dicts, tmp_path):
    expected, stderr = cli(
        "code",
        "--date",
        "2025-05-28",
        "--actors",
        dicts["actors"],
        "--agents",
        dicts["agents"],
        "--verbs",
        dicts["verbs"],
        tmp_path / "article.txt",
    )
    with pytest.warns(detente.DictionaryWarning, match="has no usable code") as record:
        coder = detente.Coder(
            actors=dicts["actors"], agents=dicts["agents"], verbs=dicts["verbs"]
        )
    got = coder.code(TEXT, date="2025-05-28", doc_id="article")
    assert got == expected
    # The legacy dictionaries, not the built-in ones, made these events.
    triples = sorted(
        (e["source"]["code"], e["target"]["code"], e["cameo"]) for e in got
    )
    assert triples == [("ARNGOV", "GON", "064"), ("GON", "ARN", "112")]
    # The same warnings as the CLI prints on stderr, as warnings and as an attribute.
    assert coder.warnings == [
        line for line in stderr.splitlines() if ": warning: " in line
    ]
    assert [str(w.message) for w in record] == coder.warnings
    # Batches with the same coder give the same records.
    assert (
        coder.code_batch([{"id": "article", "text": TEXT, "date": "2025-05-28"}])
        == expected
    )


def test_actors_accepts_a_list_and_discards_apply(cli, dicts, tmp_path):
    discards = tmp_path / "discards.txt"
    discards.write_text("+LYING\n", encoding="utf-8")
    with pytest.warns(detente.DictionaryWarning):
        plain = detente.Coder(actors=[str(dicts["actors"])], verbs=dicts["verbs"])
    with pytest.warns(detente.DictionaryWarning):
        discarding = detente.Coder(
            actors=[dicts["actors"]], verbs=dicts["verbs"], discards=discards
        )
    assert len(plain.code(TEXT, date="2025-05-28")) == 2
    # A story-level discard ("+LYING") drops the whole article.
    assert discarding.code(TEXT, date="2025-05-28") == []
    expected, _ = cli(
        "code",
        "--date",
        "2025-05-28",
        "--actors",
        dicts["actors"],
        "--verbs",
        dicts["verbs"],
        "--discards",
        discards,
        tmp_path / "article.txt",
    )
    assert expected == []


def test_missing_dictionary_is_file_not_found(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(FileNotFoundError, match=r"reading .*nope\.txt: No such file"):
        detente.Coder(verbs=missing)
    with pytest.raises(FileNotFoundError, match="nope"):
        detente.Coder(actors=[missing])


def test_unreadable_dictionary_is_value_error_with_file_and_line(cli, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("@set X = a b\nmeet verb\n", encoding="utf-8")
    _, stderr = cli("code", "--verbs", bad, tmp_path / "bad.txt", check=False)
    with pytest.raises(ValueError) as e:
        detente.Coder(verbs=bad)
    message = str(e.value)
    assert str(bad) in message
    # The CLI reports the same error.
    assert message.splitlines()[0] in stderr


def test_wrong_argument_types():
    with pytest.raises(TypeError, match="verbs must be a path"):
        detente.Coder(verbs=3)
    with pytest.raises(TypeError, match="actors must be a path"):
        detente.Coder(actors=[None])


def shared_petrarch():
    shared = shared_dir()
    if shared is None:
        pytest.skip("skipping: ../shared not found")
    return shared / "data" / "petrarch"


def test_petrarch_dictionaries_same_as_cli(cli):
    p = shared_petrarch()
    flags = {
        "actors": p / "PETR.Validate.actors.txt",
        "verbs": p / "PETR.Validate.verbs.txt",
        "discards": p / "PETR.Validate.discards.txt",
    }
    article = (
        pathlib.Path(__file__).resolve().parents[2] / "samples" / "border-talks.txt"
    )
    args = [x for k, v in flags.items() for x in (f"--{k}", v)]
    expected, _ = cli("code", "--date", "2025-06-05", *args, article)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", detente.DictionaryWarning)
        coder = detente.Coder(**flags)
    got = coder.code(
        article.read_text(encoding="utf-8"), date="2025-06-05", doc_id="border-talks"
    )
    assert got == expected
    assert got, "the PETRARCH dictionaries code something in the sample article"


def test_stub_matches_the_package():
    stub = pathlib.Path(detente.__file__).with_name("__init__.pyi")
    tree = ast.parse(stub.read_text(encoding="utf-8"))
    names = {
        n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))
    }
    names |= {
        t.target.id
        for t in tree.body
        if isinstance(t, ast.AnnAssign) and isinstance(t.target, ast.Name)
    }
    assert set(detente.__all__) <= names
    coder = next(
        n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Coder"
    )
    methods = {f.name for f in coder.body if isinstance(f, ast.FunctionDef)}
    public = {m for m in vars(detente.Coder) if not m.startswith("_")}
    assert public == methods - {"__init__"}
    assert pathlib.Path(detente.__file__).with_name("py.typed").is_file()
    assert pathlib.Path(detente.__file__).with_name("_detente.pyi").is_file()
