# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Repository-wide pytest glue.

pytest-odoo 1.0.1 (the last release for Python 3.7) crashes on paths that are
not below an addon's root (it looks for a manifest five levels up and opens
'/__manifest__.py', e.g. for an addon folder itself or for tests/). We answer
the collection question first, with pytest's own default logic plus the
plugin's one rule (skip addons whose manifest says installable: False), so its
hook never runs. Likewise it would import every test file as `odoo.addons.*`:
test files outside the addons (tests/) are collected as ordinary modules.
"""
import ast
from pathlib import Path

import pytest
from _pytest import main as pytest_main


def _addon_manifest(path):
    for folder in [path] + list(path.parents)[:5]:
        manifest = folder / "__manifest__.py"
        if manifest.is_file():
            return manifest
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_ignore_collect(collection_path, config):
    path = Path(collection_path)
    if pytest_main.pytest_ignore_collect(collection_path=path, config=config):
        return True
    manifest = _addon_manifest(path)
    if manifest and not ast.literal_eval(manifest.read_text()).get("installable", True):
        return True
    return False


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makemodule(module_path, parent):
    if _addon_manifest(Path(module_path)) is None:
        return pytest.Module.from_parent(parent, path=Path(module_path))
    return None
