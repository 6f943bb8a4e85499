"""Where the project's folders are. All path knowledge lives here."""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = PROJECT_ROOT / "templates"
STATIC = PROJECT_ROOT / "static"
#: The versioned knowledge base and the CosIng copies; SKINCHECK_DATA_DIR overrides it.
DATA = Path(os.environ.get("SKINCHECK_DATA_DIR", PROJECT_ROOT / "data"))
INSTANCE = PROJECT_ROOT / "instance"
#: Files worked out from data/ and kept between processes (the table of known names,
#: skincheck.core.name_table); SKINCHECK_CACHE_DIR overrides it. Deleting it is safe.
CACHE = Path(os.environ.get("SKINCHECK_CACHE_DIR", INSTANCE / "cache"))
