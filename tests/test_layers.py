"""The import rules of pyproject.toml ([tool.importlinter]) hold: the core imports no
web, database or network code, the photo reader none either, and only skincheck.fetch
opens connections. Broken on purpose once (``import urllib3`` in skincheck/core), the
check named the core contract and the network contract."""

import subprocess
import sys
from pathlib import Path

from skincheck import paths


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
    assert "3 kept, 0 broken" in result.stdout
