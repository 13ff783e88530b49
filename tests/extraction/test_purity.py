import subprocess
import sys

from .conftest import ROOT


def test_engine_imports_without_django():
    code = (
        "import sys; import ingest.extraction as e; "
        "e.extract('Germany pledged 1 billion euros to Ukraine.'); "
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if 'django' in m)"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)
