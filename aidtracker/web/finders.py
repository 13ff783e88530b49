"""Serve single JavaScript files that Python packages ship, as our own static files.

Plotly's wheel carries plotly.js; this finder exposes that one file as
`plotly/plotly.min.js`, so the chart library comes from the installed package (no CDN,
no copied file, no node build) and collectstatic picks it up like any other file.
"""

from importlib.util import find_spec
from pathlib import Path

from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PACKAGE_FILES = {
    "plotly/plotly.min.js": ("plotly", "package_data/plotly.min.js"),
}


def _package_path(package: str, relative: str) -> Path | None:
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / relative
    return path if path.is_file() else None


class PackageFileFinder(BaseFinder):
    """Find the files of PACKAGE_FILES inside their installed packages."""

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        found = _package_path(*PACKAGE_FILES[path]) if path in PACKAGE_FILES else None
        if found is None:
            return [] if find_all else None
        return [str(found)] if find_all else str(found)

    def list(self, ignore_patterns):
        for name, (package, relative) in PACKAGE_FILES.items():
            path = _package_path(package, relative)
            if path is not None:
                storage = FileSystemStorage(location=str(path.parent))
                storage.prefix = name.rsplit("/", 1)[0]
                yield path.name, storage
