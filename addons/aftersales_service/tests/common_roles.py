# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Role-only users for every test of the suite (SPEC §2, issue 11).

A test user gets ``base.group_user`` plus exactly ONE suite role (the
accountant: Odoo's Billing group), never extra Inventory/Sales/Accounting
groups: if a role needs a standard right for its own steps, the role implies
it (security/*.xml), and the tests prove it by running as that user.

``role_user`` is the only place in the suite's tests that sets ``groups_id``;
``tests/test_role_users.py`` fails the suite if any other test file does.
"""
from odoo.exceptions import AccessError, UserError, ValidationError

# role key -> xml id of the one group that role holds
ROLES = {
    "specialist": "aftersales_service.group_aftersales_user",
    "technician": "aftersales_service.group_aftersales_technician",
    "keeper": "aftersales_service.group_depot_keeper",
    "inspector": "aftersales_service.group_qc_inspector",
    "supervisor": "aftersales_service.group_aftersales_supervisor",
    "director": "aftersales_service.group_quality_director",
    "manager": "aftersales_service.group_aftersales_manager",
    "accountant": "account.group_account_invoice",
}

# Odoo's own roles, for yardsticks only (make load reads Odoo's sale-order list as a
# salesperson who sees all documents, as the suite's roles see all of theirs); never in
# a role matrix.
YARDSTICK_ROLES = {
    "odoo_sales_all": "sales_team.group_sale_salesman_all_leads",
}

# What a refused step raises: the ORM's access checks, or a model guard that
# says who may do it. Never a bare Exception.
REFUSED = (AccessError, UserError, ValidationError)


def role_user(env, login, role, name=None, **values):
    """Create a user holding base.group_user and the one group of ``role``."""
    group = env.ref(ROLES.get(role) or YARDSTICK_ROLES[role])
    vals = {
        "name": name or login,
        "login": login,
        "email": "%s@example.com" % login,
        "groups_id": [(6, 0, [env.ref("base.group_user").id, group.id])],
    }
    vals.update(values)
    assert "groups_id" not in values, "role_user: a role user holds its one role only"
    user = env["res.users"].with_context(
        no_reset_password=True, mail_create_nosubscribe=True, tracking_disable=True).create(vals)
    assert_role_only(user, role)
    return user


def role_groups(env, role):
    """The groups a holder of ``role`` has: the role, base.group_user and what they imply."""
    groups = env.ref("base.group_user") | env.ref(ROLES.get(role) or YARDSTICK_ROLES[role])
    return groups | groups.mapped("trans_implied_ids")


def assert_role_only(user, role):
    """Fail loudly when a user carries more than its role grants."""
    extra = user.groups_id - role_groups(user.env, role)
    if extra:
        raise AssertionError("user %s (%s) carries groups beyond its role: %s"
                             % (user.login, role, ", ".join(extra.mapped("full_name"))))
