"""The layering rules of SPEC section 8, checked on the real source tree."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "skincheck"
CORE_MODULES = sorted(
    ".".join(("skincheck", *path.relative_to(PACKAGE).with_suffix("").parts))
    for path in (PACKAGE / "core").rglob("*.py")
    if path.stem != "__init__"
)
FRAMEWORKS = {"flask", "flask_sqlalchemy", "flask_wtf", "sqlalchemy", "werkzeug"}
NETWORK = {"requests", "urllib3", "socket", "http.client", "urllib.request", "httpx", "ssl"}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_modules_exist():
    # Guards the test below against passing on an empty list.
    expected = {"skincheck.core.reader.pipeline", "skincheck.core.analyse", "skincheck.core.render"}
    assert expected <= set(CORE_MODULES)


@pytest.mark.parametrize("module", [*CORE_MODULES, "skincheck.services", "skincheck.cli"])
def test_importing_the_core_loads_no_web_framework_or_database(module):
    # A fresh interpreter: the test process itself has Flask loaded already.
    code = (
        f"import sys, {module}\n"
        f"bad = sorted(set({sorted(FRAMEWORKS)!r}) & {{m.split('.')[0] for m in sys.modules}})\n"
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"{module} loads {result.stdout.strip()}"


def test_core_imports_nothing_outside_the_core_and_the_stdlib_but_rapidfuzz():
    allowed_third_party = {"rapidfuzz"}
    for path in (PACKAGE / "core").rglob("*.py"):
        for name in _imports(path):
            top = name.split(".")[0]
            if top == "skincheck":
                assert name.startswith("skincheck.core"), f"{path.name} imports {name}"
            else:
                assert top in sys.stdlib_module_names or top in allowed_third_party, (
                    f"{path.name} imports {name}"
                )


def test_only_the_fetch_module_does_network_io():
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in PACKAGE.rglob("*.py")
        if path.name != "fetch.py"
        for name in _imports(path)
        if name in NETWORK or name.split(".")[0] in {"requests", "urllib3", "httpx"}
    ]
    assert offenders == []
