# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Test-only models for the suite's mixins, the way OCA's base_tier_validation
tests its mixin (``tests/common.py: setup_test_model``)."""
from odoo import models


def built_by_tests_only(model_cls):
    """Class decorator: keep a model defined in a test module out of every later
    registry load (it is built by ``build_test_model`` only)."""
    models.MetaModel.module_to_models[model_cls._module].remove(model_cls)
    return model_cls


def build_test_model(env, model_cls):
    """Add ``model_cls`` to the registry and create its table (rolled back with the test)."""
    model_cls._build_model(env.registry, env.cr)
    env.registry.setup_models(env.cr)
    env.registry.init_models(env.cr, [model_cls._name], dict(env.context, update_custom_fields=True))
    return env[model_cls._name]


def drop_test_model(env, model_cls):
    del env.registry.models[model_cls._name]
    env.registry.setup_models(env.cr)
