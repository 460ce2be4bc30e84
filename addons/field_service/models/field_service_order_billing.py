# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class FieldServiceOrderBilling(models.Model):
    """Coverage and billing of an order: parts posted out of the van depot, old parts
    drafted into a defect return, quotation at the parts-at-cost price list, invoice."""
    _inherit = "field.service.order"

    # Billing (S1 第二篇 三-(三))
    abnormal_damage = fields.Boolean(
        "Abnormal Damage", track_visibility="onchange",
        help="Damage from misuse, man-made or other abnormal causes: within warranty the "
             "customer pays the parts at cost, without service fee.")
    coverage = fields.Selection(
        "_selection_coverage", compute="_compute_billing_mode", string="Coverage",
        help="What covers the equipment on the day the order was received.")
    billing_mode = fields.Selection(
        [("free", "Free (warranty)"),
         ("parts_at_cost", "Parts at cost, no service fee"),
         ("out_of_warranty", "No labour charge, parts at cost")],
        compute="_compute_billing_mode", string="Billing")
    parts_posted = fields.Boolean(readonly=True, copy=False, help="The replaced parts left the van depot.")
    sale_order_id = fields.Many2one("sale.order", "Quotation", readonly=True, copy=False)
    # the invoices are the office's and the accountant's: technicians opening their order do not read them
    invoice_ids = fields.Many2many(
        related="sale_order_id.invoice_ids", string="Invoices", readonly=True,
        groups="account.group_account_invoice,aftersales_service.group_aftersales_supervisor")
    charged_amount = fields.Monetary(compute="_compute_charged_amount", string="Parts Charged")
    defect_return_id = fields.Many2one(
        "depot.defect.return", "Defect Return", readonly=True, copy=False,
        help="Old parts sent back to HQ's quality control (S2-二-6.2), drafted when the order closes.")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.model
    def _selection_coverage(self):
        return [("warranty", _("In Warranty")), ("none", _("Out of Warranty"))]

    def _received_day(self):
        """The day (date string) the order was received, in the user's timezone: a call at
        01:00 in Shanghai is 17:00 UTC of the day before, and dates (warranty, contract
        terms) are local."""
        self.ensure_one()
        return self._local_day(self.date_received)

    def _local_day(self, value):
        """The user's local day of the UTC datetime string ``value`` (default: now)."""
        return fields.Date.context_today(self, timestamp=fields.Datetime.from_string(value or fields.Datetime.now()))

    @api.multi
    def _get_coverage(self):
        """Coverage key per order id on the day the order was received (extension point).

        Base: ``warranty`` when the equipment's warranty covers that day, else
        ``none``. A contract module calls super() and sets its own key for the
        orders its contracts cover.
        """
        coverage = {}
        for order in self:
            day = order._received_day()
            # sudo: the coverage is a derived fact of the order, shown to whoever reads it
            # (a keeper whose depot issued its parts may not read the customer's equipment)
            equipment = order.equipment_id.sudo()
            coverage[order.id] = "warranty" if equipment and equipment.covered_by_warranty(day) else "none"
        return coverage

    @api.model
    def _billing_mode_for(self, coverage, abnormal_damage):
        """Billing mode of a coverage key (S1 第二篇 三-(三)); override for new keys."""
        if coverage == "warranty":
            return "parts_at_cost" if abnormal_damage else "free"
        return "out_of_warranty"

    @api.depends("equipment_id.warranty_end", "equipment_id.acceptance_date", "date_received", "abnormal_damage")
    def _compute_billing_mode(self):
        coverage = self._get_coverage()
        for order in self:
            key = coverage.get(order.id, "none")
            order.coverage = key
            order.billing_mode = order._billing_mode_for(key, order.abnormal_damage)

    @api.depends("part_ids.price_subtotal", "part_ids.charged")
    def _compute_charged_amount(self):
        for order in self:
            order.charged_amount = sum(order.part_ids.filtered("charged").mapped("price_subtotal"))

    # ------------------------------------------------------------------
    # Parts and billing
    # ------------------------------------------------------------------
    @api.multi
    def _post_parts(self):
        """Replaced parts leave the technician's van depot to the customer (S1 第二篇 三-(三)-4)."""
        Move = self.env["stock.move"].sudo()
        Quant = self.env["stock.quant"].sudo()
        moves = Move.browse()
        for order in self.filtered(lambda o: o.part_ids and not o.parts_posted):
            dest = order.partner_id.property_stock_customer
            for line in order.part_ids:
                # sudo: the van may hang under a depot location the technician cannot read
                source = (line.location_id or order.technician_id.van_location_id).sudo()
                if not source:
                    raise UserError(_("Technician %s has no van depot: set it on the employee or on the part line.")
                                    % (order.technician_id.name or "-"))
                available = Quant._get_available_quantity(line.product_id.sudo(), source)
                if line.product_id.type == "product" and available < line.product_uom._compute_quantity(
                        line.quantity, line.product_id.uom_id):
                    raise UserError(_("%s holds only %s %s of %s: record the part the technician really used "
                                      "or replenish the van first.")
                                    % (source.display_name, available, line.product_id.uom_id.name,
                                       line.product_id.display_name))
                move = Move.create({
                    "name": "%s: %s" % (order.name, line.product_id.display_name),
                    "origin": order.name,
                    "product_id": line.product_id.id,
                    "product_uom": line.product_uom.id,
                    "product_uom_qty": line.quantity,
                    "location_id": source.id,
                    "location_dest_id": dest.id,
                    "partner_id": order.partner_id.id,
                    "company_id": order.company_id.id,
                    "sale_line_id": line.sale_line_id.id,
                })
                line.move_id = move
                moves |= move
        if moves:
            moves._action_confirm()
            moves._action_assign()
            for move in moves:
                move.quantity_done = move.product_uom_qty
            moves._action_done()
        self.write({"parts_posted": True})
        return moves

    @api.multi
    def _draft_defect_returns(self):
        """Old parts kept for HQ go into a draft defect return of the technician's depot
        (S2-二-6.2: 现场不合格备件的回收), one per order, for the keeper to send."""
        Return = self.env["depot.defect.return"].sudo()
        for order in self.filtered(lambda o: not o.defect_return_id):
            lines = order.part_ids.filtered(lambda l: l.old_part_disposition == "defect_return")
            van = order.technician_id.van_location_id.sudo()
            depot = van.get_warehouse() if van else self.env["stock.warehouse"]
            if not lines or not depot.depot_level:
                continue  # noted on the order only: the van belongs to no depot
            hq = Return._default_hq_depot()
            if not hq:
                continue
            order.defect_return_id = Return.create({
                "depot_id": depot.id,
                "hq_depot_id": hq.id,
                "origin": "site",
                "partner_id": order.partner_id.id,
                "project": "%s %s" % (order.name, order.site_id.name or order.equipment_id.name or ""),
                "company_id": order.company_id.id,
                "line_ids": [(0, 0, {
                    "product_id": line.product_id.id,
                    "product_qty": line.quantity,
                    "fault": " ".join(p for p in (order.fault_cause, line.old_part_serial, line.old_part_note) if p),
                }) for line in lines],
            })

    @api.model
    def _parts_pricelist(self, company):
        pricelist = company.fs_parts_pricelist_id or self.env.ref(
            "field_service.pricelist_parts_at_cost", raise_if_not_found=False)
        if not pricelist:
            raise UserError(_("Configure the price list of parts at cost (Field Service settings)."))
        return pricelist

    @api.multi
    def action_create_quotation(self):
        """Charged parts become a quotation at the parts-at-cost price list shown to the
        customer (S1 第二篇 三-(三)-3: 向用户出示价格表, 按成本价收费)."""
        self.ensure_one()
        if self.sale_order_id:
            raise UserError(_("Order %s already has quotation %s.") % (self.name, self.sale_order_id.name))
        lines = self.part_ids.filtered("charged")
        if self.billing_mode == "free" or not lines:
            raise UserError(_("Order %s has no charged parts: in warranty the repair is free.") % self.name)
        pricelist = self._parts_pricelist(self.company_id)
        fiscal_position = self.env["account.fiscal.position"].with_context(
            force_company=self.company_id.id).get_fiscal_position(self.partner_id.id)
        fiscal_position = self.env["account.fiscal.position"].browse(fiscal_position)
        mode = dict(self._fields["billing_mode"]._description_selection(self.env)).get(self.billing_mode)
        sale = self.env["sale.order"].create({
            "partner_id": self.partner_id.id,
            "pricelist_id": pricelist.id,
            "company_id": self.company_id.id,
            "origin": self.name,
            "client_order_ref": self.name,
            "field_service_order_id": self.id,
            "fiscal_position_id": fiscal_position.id,
            "note": _("%s. Parts charged at cost according to the price list \"%s\"; no service fee.")
            % (mode, pricelist.name),
        })
        for line in lines:
            product = line.product_id
            taxes = product.taxes_id.filtered(lambda t: t.company_id == self.company_id)
            price = pricelist.with_context(uom=line.product_uom.id).get_product_price(
                product, line.quantity, self.partner_id)
            line.sale_line_id = self.env["sale.order.line"].create({
                "order_id": sale.id,
                "product_id": product.id,
                "name": _("%s (replaced on %s)") % (product.display_name, self.name),
                "product_uom_qty": line.quantity,
                "product_uom": line.product_uom.id,
                "price_unit": price,
                "tax_id": [(6, 0, fiscal_position.map_tax(taxes).ids)],
            })
            if line.move_id:
                line.move_id.sale_line_id = line.sale_line_id
                line.sale_line_id.qty_delivered = line.sale_line_id._get_delivered_qty()
        self.sale_order_id = sale
        self.message_post(body=_("Quotation %s created for the charged parts (%s).") % (sale.name, mode))
        return self._action_open(sale)

    @api.multi
    def action_create_invoice(self):
        """Invoice the charged parts once the order is done and the customer accepted the quotation."""
        self.ensure_one()
        sale = self.sale_order_id
        if not sale:
            raise UserError(_("Create the quotation of order %s first.") % self.name)
        if self.state != "done":
            raise UserError(_("Invoice order %s once the work is done.") % self.name)
        if sale.state in ("draft", "sent"):
            sale.action_confirm()
        invoice_ids = sale.action_invoice_create()
        invoices = self.env["account.invoice"].browse(invoice_ids)
        if not invoices:
            raise UserError(_("Nothing left to invoice on %s.") % sale.name)
        self.message_post(body=_("Invoice created: %s") % ", ".join(invoices.mapped("display_name")))
        return self._action_open(invoices[:1], "account.action_invoice_tree1")

    def _action_open(self, record, action_xmlid=None):
        action = {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "target": "current",
        }
        if action_xmlid:
            action = dict(self.env.ref(action_xmlid).read()[0], res_id=record.id, view_mode="form",
                          views=[(False, "form")])
        return action

    @api.multi
    def action_view_sale_order(self):
        self.ensure_one()
        return self._action_open(self.sale_order_id)
