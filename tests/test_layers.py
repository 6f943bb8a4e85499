"""The import rules of pyproject.toml ([tool.importlinter]) hold: the folders are layers
and imports point down (cli, then web and batch, then the use cases, then pages, storage
and photos, then the core); the core and the photo reader import no web, database or
network library; only skincheck.pages.fetch opens connections; no two modules of a
folder import each other in a loop. Broken on purpose once each: ``import urllib3`` in
skincheck/core broke the core and network contracts; ``from skincheck import services``
in skincheck/storage/reports.py the layers; ``from skincheck.web import views`` in
skincheck/web/forms.py (views imports forms) the loop contract.

What import-linter cannot see is what a command loads when it runs: that is checked
here too, in a fresh interpreter, and so is what a new web worker loads before its
first request (numpy at the top of skincheck/ocr/engine.py failed that test)."""

import subprocess
import sys
from pathlib import Path

import pytest

from skincheck import paths

CONTRACTS = 5
FRAMEWORKS = {"flask", "flask_sqlalchemy", "flask_wtf", "sqlalchemy", "werkzeug"}
#: What only a photo (the OCR engine) or a product page (the HTML parsers) needs.
PER_REQUEST = {"numpy", "onnxruntime", "rapidocr", "bs4", "lxml"}


def test_the_import_contracts_are_kept() -> None:
    # The script installed beside the Python running the tests (the test extra's).
    lint = str(Path(sys.prefix) / "bin" / "lint-imports")
    result = subprocess.run(
        [lint, "--no-cache"],
        cwd=paths.PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": f"{sys.prefix}/bin", "PYTHONPATH": str(paths.PROJECT_ROOT)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{CONTRACTS} kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    "module",
    ["skincheck.core.analyse", "skincheck.core.render", "skincheck.services", "skincheck.cli"],
)
def test_importing_the_core_or_a_command_loads_no_web_framework_or_database(module: str) -> None:
    # A fresh interpreter: the test process itself has Flask loaded already. The CLI
    # imports the web app only inside the commands that serve it.
    code = (
        f"import sys, {module}\n"
        f"bad = sorted(set({sorted(FRAMEWORKS)!r}) & {{m.split('.')[0] for m in sys.modules}})\n"
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"{module} loads {result.stdout.strip()}"


def test_a_new_web_app_loads_no_photo_engine_or_page_parser(tmp_path: Path) -> None:
    # A worker that only reads pasted lists never pays for numpy and ONNX Runtime (the
    # photo reader) or Beautiful Soup and lxml (the page extractor): they are imported
    # by the first photo or page. tests/web's photo and URL tests show those still work.
    settings = {
        "TESTING": True,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.db'}",
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SECRET_KEY": "test-secret",
        "AUTO_INIT_DB": False,
    }
    code = (
        "import sys\n"
        "from skincheck.web.app import create_app\n"
        f"create_app({settings!r})\n"
        "top = {name.split('.')[0] for name in sys.modules}\n"
        f"print(','.join(sorted(top & set({sorted(PER_REQUEST)!r}))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=paths.PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "", f"a new app loads {result.stdout.strip()}"
