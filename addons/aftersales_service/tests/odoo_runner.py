# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The suite's tests under Odoo's own runner (``odoo-bin --test-enable``).

Odoo runs the ``test_*`` modules an addon's ``tests/__init__.py`` imports: by default
right after that addon is installed (at_install), before the addons that follow it.
The suite's tests read the demo data of all four addons and several commit through
cursors of their own, so they run once the whole set is installed (post_install).
``make test`` runs the same tests with pytest-odoo and builds its database without
``--test-enable``, so that nothing runs twice.
"""
import inspect
import unittest


def run_after_install(namespace):
    """Mark the test classes of the ``test_*`` modules in ``namespace`` (a tests
    package's globals) post_install only; classes of other packages are left alone."""
    package = namespace["__name__"]
    for name, module in list(namespace.items()):
        if not (name.startswith("test_") and inspect.ismodule(module)):
            continue
        for _cls_name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, unittest.TestCase) and cls.__module__.startswith(package + "."):
                cls.at_install = False
                cls.post_install = True
