"""The layers of GUIDE.md: the core never imports a section; only composition modules put them together."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = {"dynasties", "events", "contests", "surveys", "indicators"}
# Composition inside enbek/: the URLs, the composed pages and the demo's orchestration (which reaches
# the sections through SECTION_SEEDERS by name). enbek/demo/activities.py still seeds contests and
# events until those sections take their demo home (their own issues).
COMPOSITION = {"enbek/urls.py", "enbek/site", "enbek/demo/activities.py"}


def imported_packages(path: Path) -> set[str]:
    """Top-level packages a module imports, at module level or inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def core_modules() -> list[Path]:
    modules = []
    for path in sorted((ROOT / "enbek").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if any(relative == c or relative.startswith(c + "/") for c in COMPOSITION):
            continue
        modules.append(path)
    return modules


def test_the_core_is_large_enough_to_mean_something():
    names = {p.relative_to(ROOT).as_posix() for p in core_modules()}
    assert {
        "enbek/models/professions.py",
        "enbek/selectors.py",
        "enbek/demo/seed.py",
        "enbek/views.py",
    } <= names


@pytest.mark.parametrize("path", core_modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_core_module_imports_no_section(path):
    assert imported_packages(path) & SECTIONS == set()


def test_home_and_about_are_composed_in_enbek_site():
    from django.urls import resolve
    from django.utils import translation

    with translation.override("kk"):  # whatever language an earlier test left active
        assert resolve("/kk/").func.__module__ == "enbek.site.views"
    with translation.override("ru"):
        assert resolve("/ru/about/").func.__module__ == "enbek.site.views"


def test_sections_do_not_import_the_composition():
    for section in SECTIONS:
        for path in (ROOT / section).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module:
                    assert not node.module.startswith(("enbek.site", "enbek.urls")), path
