# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A small depot tree for the depot tests: HQ > level 1 > level 2 > level 3,
the two lower ones run by branches, a keeper per depot and a few parts."""
from datetime import datetime, timedelta

from odoo import fields
from odoo.addons.aftersales_service.tests.common_roles import role_user
from odoo.addons.aftersales_service.tests.common_stock import reserved_picking
from odoo.tests.common import SavepointCase


def create_depot_tree(env, suffix=""):
    """Create HQ, level 1, 2 and 3 depots, partners, keepers and parts; return a dict."""
    caller_env = env
    # setup data: no chatter tracking, it only slows the tests down
    env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True, no_reset_password=True))
    Warehouse = env["stock.warehouse"]
    data = {}
    data["suzhou"] = env["res.partner"].create({"name": "苏州分公司%s" % suffix, "is_company": True, "customer": True})
    data["wuxi"] = env["res.partner"].create({"name": "无锡分公司%s" % suffix, "is_company": True, "customer": True})
    data["keeper3"] = role_user(env, "depot_keeper3%s" % suffix, "keeper", name="李仓管%s" % suffix,
                                email="depot_keeper3@example.com")
    data["keeper2"] = role_user(env, "depot_keeper2%s" % suffix, "keeper", name="赵仓管%s" % suffix,
                                email="depot_keeper2@example.com")
    data["supervisor"] = role_user(env, "depot_supervisor%s" % suffix, "supervisor", name="王主管%s" % suffix,
                                   email="depot_supervisor@example.com")
    data["manager"] = role_user(env, "depot_manager%s" % suffix, "manager", name="陈经理%s" % suffix,
                                email="depot_manager@example.com")
    data["keeper3_employee"] = env["hr.employee"].create({"name": "李仓管%s" % suffix, "user_id": data["keeper3"].id})
    data["keeper2_employee"] = env["hr.employee"].create({"name": "赵仓管%s" % suffix, "user_id": data["keeper2"].id})
    code = suffix[-1:] or "T"
    data["hq"] = Warehouse.create({"name": "总部备件库%s" % suffix, "code": "H%s" % code, "depot_level": "hq"})
    data["level1"] = Warehouse.create({
        "name": "华东一级站%s" % suffix, "code": "A%s" % code, "depot_level": "level_1",
        "parent_depot_id": data["hq"].id})
    data["level2"] = Warehouse.create({
        "name": "苏州二级站%s" % suffix, "code": "B%s" % code, "depot_level": "level_2",
        "parent_depot_id": data["level1"].id, "branch_partner_id": data["suzhou"].id,
        "keeper_ids": [(6, 0, [data["keeper2"].id])]})
    data["level3"] = Warehouse.create({
        "name": "无锡三级站%s" % suffix, "code": "C%s" % code, "depot_level": "level_3",
        "parent_depot_id": data["level2"].id, "branch_partner_id": data["wuxi"].id,
        "keeper_ids": [(6, 0, [data["keeper3"].id])]})
    category = env.ref("spare_parts_depot.product_category_spare_parts")

    def part(name, code, price, model, spec=""):
        return env["product.product"].create({
            "name": name, "default_code": code, "type": "product", "categ_id": category.id,
            "is_spare_part": True, "hq_price": price, "part_model": model, "part_spec": spec,
            "taxes_id": [(6, 0, [])],
        })
    data["belt"] = part("门机皮带%s" % suffix, "DB-01%s" % suffix, 35.0, "HTD-8M", "8M-1200")
    data["curtain"] = part("光幕%s" % suffix, "GM-02%s" % suffix, 1200.0, "WECO-917", "2000mm")
    data["drive"] = part("变频器%s" % suffix, "BP-03%s" % suffix, 2800.0, "FR-A740", "11kW")
    return {key: value.with_env(caller_env) for key, value in data.items()}


class DepotCase(SavepointCase):
    """The depot tree is created once per class; each test runs in a savepoint."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.data = create_depot_tree(cls.env, suffix="·测")
        for key, value in cls.data.items():
            setattr(cls, key, value)
        cls.customers = cls.env.ref("stock.stock_location_customers")
        cls.suppliers = cls.env.ref("stock.stock_location_suppliers")
        cls.loss_rule = cls._depot_loss_rule()

    @classmethod
    def _depot_loss_rule(cls):
        Rule = cls.env["aftersales.penalty.rule"]
        rule = Rule.search([("code", "=", "depot_loss")], limit=1)
        if not rule:   # seeded by aftersales_service (noupdate data)
            vals = {"code": "depot_loss", "name": "Depot count shortage", "company_id": False}
            if "variable_amount" in Rule._fields:
                vals["variable_amount"] = True
            rule = Rule.create(vals)
        return rule

    # -- stock helpers -------------------------------------------------
    def receive(self, depot, product, qty, date=None, location=None):
        """Receive parts from a vendor into a depot (a done move), optionally backdated."""
        return self.move(product, self.suppliers, location or depot.lot_stock_id, qty, date=date)

    def move(self, product, source, destination, qty, date=None, env=None):
        """A done stock move between two locations, optionally dated (ageing runs on move dates)."""
        env = env or self.env
        move = env["stock.move"].create({
            "name": product.name,
            "product_id": product.id,
            "product_uom": product.uom_id.id,
            "product_uom_qty": qty,
            "location_id": source.id,
            "location_dest_id": destination.id,
        })
        move._action_confirm()
        move._action_assign()
        if not move.move_line_ids:
            env["stock.move.line"].create(dict(move._prepare_move_line_vals(), qty_done=qty))
        else:
            for move_line in move.move_line_ids:
                move_line.qty_done = move_line.product_uom_qty
        move._action_done()
        if date:
            move.write({"date": fields.Datetime.to_string(date)})
            move.move_line_ids.write({"date": fields.Datetime.to_string(date)})
        return move

    def delivery(self, depot, product, qty):
        """A confirmed and reserved delivery of ``qty`` parts from the depot's stock to a customer."""
        return reserved_picking(self.env, depot.out_type_id, depot.lot_stock_id, self.customers, product, qty)

    def days_ago(self, days):
        return datetime.utcnow() - timedelta(days=days)

    def validate_picking(self, picking):
        for move in picking.move_lines:
            if not move.move_line_ids:
                self.env["stock.move.line"].create(dict(move._prepare_move_line_vals(), qty_done=move.product_uom_qty))
            for move_line in move.move_line_ids:
                move_line.qty_done = move_line.product_uom_qty
        picking.action_done()
        return picking


def purge_warehouses(env, warehouses):
    """Delete warehouses created by a committed test, with their routes, types and locations."""
    for wh in warehouses.with_context(active_test=False):
        view = wh.view_location_id
        types = env["stock.picking.type"].with_context(active_test=False).search([("warehouse_id", "=", wh.id)])
        routes = env["stock.location.route"].with_context(active_test=False).search(
            ["|", ("warehouse_ids", "in", wh.id), ("supplied_wh_id", "=", wh.id)])
        routes |= wh.reception_route_id | wh.delivery_route_id | wh.crossdock_route_id
        env["procurement.rule"].with_context(active_test=False).search([
            "|", "|", ("warehouse_id", "=", wh.id), ("route_id", "in", routes.ids),
            ("picking_type_id", "in", types.ids)]).unlink()
        env["stock.location.path"].with_context(active_test=False).search(
            ["|", ("warehouse_id", "=", wh.id), ("route_id", "in", routes.ids)]).unlink()
        sequences = types.mapped("sequence_id")
        env["stock.warehouse.orderpoint"].with_context(active_test=False).search(
            [("warehouse_id", "=", wh.id)]).unlink()
        wh.write({"parent_depot_id": False})
        wh.unlink()
        routes.unlink()
        types.unlink()
        sequences.unlink()
        env["stock.location"].with_context(active_test=False).search([("id", "child_of", view.id)]).unlink()
