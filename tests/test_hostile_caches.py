"""Issue 20, items 7, 8 and 19: the caches. A `.glowlint_cache` link shipped by a
repository writes and deletes nothing outside it; a pickle planted in a shared user
cache folder never runs; a forged result cache hides no finding; a skipped input is
always a notice, and `--strict-inputs` makes it exit 2."""

from __future__ import annotations

import json
import os
import pickle
import stat
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from glowlint import cache
from glowlint.cli import cli

PAGE = "It is painless.\n"
root_only = pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0,
                               reason="giving a folder to another user needs root")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", "--isolated", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "p.md").write_text(PAGE)
    monkeypatch.chdir(repo)
    return repo


class _Planted:
    """A pickle that leaves a marker file when loaded: code run from the cache."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (self.marker, "w"))


# -- item 7: the result cache folder -----------------------------------------------


def test_a_cache_folder_link_writes_and_deletes_nothing_outside(here: Path) -> None:
    victim = here.parent / "victim"
    victim.mkdir()
    for i in range(12):  # more than the cache keeps: the oldest would be pruned
        (victim / f"results-{i:02}.json").write_text("precious\n")
        os.utime(victim / f"results-{i:02}.json", (i, i))
    os.symlink("../victim", ".glowlint_cache")
    status, out, err = run("p.md")
    assert status == 1 and "p.md:1:7" in out
    assert err == ("glowlint: .glowlint_cache: cache folder not used: it is a symbolic "
                   "link\n")
    assert sorted(p.name for p in victim.iterdir()) == [f"results-{i:02}.json"
                                                        for i in range(12)]


def test_pruning_deletes_only_glowlint_files(here: Path) -> None:
    folder = here / ".glowlint_cache"
    folder.mkdir()
    for i in range(12):
        (folder / f"results-{i:02}.json").write_text("not glowlint's\n")
        os.utime(folder / f"results-{i:02}.json", (i, i))
    run("p.md")
    theirs = [p for p in folder.glob("results-*.json") if p.read_text() == "not glowlint's\n"]
    assert len(theirs) == 12
    assert len(list(folder.glob("results-*.json"))) == 13  # and one of glowlint's own


@root_only
def test_a_cache_folder_of_another_user_is_not_used(here: Path) -> None:
    folder = here / ".glowlint_cache"
    folder.mkdir()
    os.chown(folder, 65534, 65534)
    status, _, err = run("p.md")
    assert status == 1
    assert err == ("glowlint: .glowlint_cache: cache folder not used: it is not owned by "
                   "the user running glowlint\n")
    assert list(folder.iterdir()) == []


# -- item 8: the compiled rule set in the user cache folder ---------------------------


@pytest.fixture()
def one_pack(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule set of one built-in pack: what the cache does with it is what it does with
    all of them, and it compiles in a fraction of the time (these tests compile ten times)."""
    from glowlint.rules import builtin_rules_dir

    pack = builtin_rules_dir() / "claims-safety.yaml"
    monkeypatch.setattr("glowlint.rules.builtin_packs", lambda: [pack])


def _pickle_path(folder: Path) -> Path:
    cache.load_rules_cached(profile="uk", folder=folder)
    (path,) = folder.glob("rules-*.pickle")
    return path


@pytest.mark.usefixtures("one_pack")
def test_user_cache_folder_is_private(tmp_path: Path) -> None:
    folder = tmp_path / "shared" / "glowlint"
    path = _pickle_path(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "key").stat().st_mode) == 0o600
    assert path.read_bytes().startswith(b"glowlint-rules ")


@pytest.mark.usefixtures("one_pack")
def test_a_planted_pickle_never_runs(tmp_path: Path) -> None:
    folder = tmp_path / "glowlint"
    path = _pickle_path(folder)
    marker = tmp_path / "code-ran"
    evil = pickle.dumps(_Planted(str(marker)))
    head = path.read_bytes().partition(b"\n")[0]
    for planted in (evil, head + b"\n" + evil, b"glowlint-rules " + b"0" * 64 + b"\n" + evil,
                    b"", head):
        path.write_bytes(planted)
        ruleset = cache.load_rules_cached(profile="uk", folder=folder)
        assert not marker.exists()
        assert any(r.id == "painless" for r in ruleset.rules)  # loaded from the packs


@pytest.mark.usefixtures("one_pack")
def test_a_world_writable_cache_folder_is_not_used(tmp_path: Path) -> None:
    folder = tmp_path / "glowlint"
    folder.mkdir()
    folder.chmod(0o777)
    marker = tmp_path / "code-ran"
    cache.load_rules_cached(profile="uk", folder=folder)
    assert list(folder.iterdir()) == []  # neither a key nor a pickle is written there
    key = cache.ruleset_key([], "uk", True)
    (folder / f"rules-{key[:32]}.pickle").write_bytes(pickle.dumps((key, _Planted(str(marker)),
                                                                     b"")))
    cache.load_rules_cached(profile="uk", folder=folder)
    assert not marker.exists()


@root_only
@pytest.mark.usefixtures("one_pack")
def test_a_cache_folder_owned_by_another_user_is_not_used(tmp_path: Path) -> None:
    folder = tmp_path / "glowlint"
    path = _pickle_path(folder)
    marker = tmp_path / "code-ran"
    path.write_bytes(pickle.dumps(_Planted(str(marker))))
    os.chown(folder, 65534, 65534)
    cache.load_rules_cached(profile="uk", folder=folder)
    assert not marker.exists()
    os.chown(folder, 0, 0)
    os.chown(path, 65534, 65534)  # our folder, a file someone else put there
    cache.load_rules_cached(profile="uk", folder=folder)
    assert not marker.exists()


# -- item 19: the result cache is verified; skipped inputs are seen -------------------


def test_a_forged_result_cache_hides_no_finding(here: Path) -> None:
    assert run("p.md")[0] == 1
    (path,) = (here / ".glowlint_cache").glob("results-*.json")
    body = path.read_bytes()
    if body.startswith(b"glowlint-"):
        body = body.partition(b"\n")[2]
    data = json.loads(body)
    for entry in data["entries"].values():
        entry[1] = []  # "this content has no findings"
    forged = json.dumps(data).encode()
    for planted in (forged, b"glowlint-results " + b"0" * 64 + b"\n" + forged):
        path.write_bytes(planted)
        status, out, _ = run("p.md")
        assert status == 1 and "p.md:1:7" in out


def test_skipped_inputs_are_notices_and_strict_inputs_exit_2(here: Path) -> None:
    (here / "nul.md").write_bytes(b"It is painless.\0\n")
    (here / "big.md").write_text(PAGE + " " * 2000)
    for _ in range(2):  # the second run answers from the result cache: the same notices
        status, _, err = run("--max-file-size", "1k", ".")
        assert status == 1
        assert err == ("glowlint: big.md: file too large (2 kB, the limit is 1 kB: "
                       "--max-file-size) (skipped)\n"
                       "glowlint: nul.md: binary file skipped (skipped)\n")
    status, _, err = run("--max-file-size", "1k", "--strict-inputs", ".")
    assert status == 2
    assert err.count("(skipped)") == 2
    assert run("--strict-inputs", "p.md")[0] == 1  # nothing skipped: findings decide
