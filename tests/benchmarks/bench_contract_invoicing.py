# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Periodic invoicing of 100 and 1,000 maintenance contracts: ours
(``maintenance.contract.schedule._cron_create_invoices``) against the peer OCA
``contract`` 11.0 (``account.analytic.account.cron_recurring_create_invoice``).

Both sides run in one go, each in its own database, with the same customers, the
same service product and the same 13 % tax: a quarterly fee of 12,000 a year, so
every invoice is 3,000 + 390 tax = 3,390. Each side is measured by the same worker
script in an ``odoo-bin shell`` (everything is rolled back afterwards): time and
SQL queries per invoice, and the invoice totals, which must be identical.

- ours: the test database of pytest-odoo (the four addons installed);
- peer: ``aftersales_bench_peer``, built on first use with the standard apps the
  suite depends on plus OCA ``contract`` 11.0.2.1.0 from
  ``.run/peer-addons`` (``pip install --no-deps --target .run/peer-addons
  odoo11-addon-contract==11.0.2.1.0``; the benchmark installs it when missing).

Run: ``scripts/bench.sh tests/benchmarks/bench_contract_invoicing.py`` (or ``make bench``).
The assertions are on query counts, never on seconds.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

from odoo.tools import config

ROOT = Path(__file__).resolve().parents[2]
PEER_TARGET = ROOT / ".run" / "peer-addons"
PEER_ADDONS = PEER_TARGET / "odoo" / "addons"
PEER_DB = "aftersales_bench_peer"
PEER_PACKAGE = "odoo11-addon-contract==11.0.2.1.0"
# Standard apps of the suite (SPEC §1), so that both sides pay for the same
# account.invoice extensions (sale, stock …); plus the peer module itself.
PEER_MODULES = "account_invoicing,l10n_generic_coa,sale_management,sale_stock,hr,maintenance,contract"
SIZES = (100, 1000)
WARM_UP = 5
# 139 queries per invoice were measured for the peer when the issue was filed:
# ours must stay at least 3 times below, whatever the peer does in this run.
MAX_QUERIES_PER_INVOICE = 139 / 3.0

WORKER = r'''
import json, time
SIDE, SIZES, WARM_UP = %(side)r, %(sizes)r, %(warm_up)r
QUIET = dict(tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True)
company = env.user.company_id
tax = env["account.tax"].create({
    "name": "BENCH VAT 13%%", "amount": 13.0, "amount_type": "percent", "type_tax_use": "sale",
    "company_id": company.id})
product = env["product.product"].create({
    "name": "BENCH Paid Maintenance Fee", "type": "service", "list_price": 0.0,
    "taxes_id": [(6, 0, tax.ids)]})
uom = product.uom_id
if SIDE == "ours":
    ctype = env["maintenance.contract.type"].create({
        "name": "BENCH", "product_id": product.id, "patrol_interval": 0, "lubrication_interval": 0})
    # only the benchmark's contracts are due in this transaction
    env.cr.execute("UPDATE maintenance_contract_schedule SET cancelled = TRUE WHERE invoice_id IS NULL")
else:
    env.cr.execute("UPDATE account_analytic_account SET recurring_invoices = FALSE")
env["res.partner"].invalidate_cache()

def customers(n):
    """n customers, copies of one created by the ORM (SQL for speed: not measured)."""
    template = env["res.partner"].with_context(**QUIET).create({"name": "BENCH 客户 0000", "customer": True})
    env.cr.execute("""SELECT column_name FROM information_schema.columns WHERE table_name = 'res_partner'
                       AND column_name NOT IN ('id', 'name', 'display_name', 'commercial_partner_id')""")
    columns = ", ".join('"%%s"' %% row[0] for row in env.cr.fetchall())
    env.cr.execute("""
        INSERT INTO res_partner (name, display_name, %%s)
        SELECT 'BENCH 客户 ' || lpad(g::text, 4, '0'), 'BENCH 客户 ' || lpad(g::text, 4, '0'), %%s
          FROM res_partner, generate_series(1, %%%%s) g WHERE res_partner.id = %%%%s RETURNING id
    """ %% (columns, columns), (n - 1, template.id))
    ids = [template.id] + [row[0] for row in env.cr.fetchall()]
    env.cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE id IN %%s", (tuple(ids),))
    env["res.partner"].invalidate_cache()
    return env["res.partner"].browse(ids)

def arrange(n):
    partners = customers(n)
    if SIDE == "ours":
        Equipment = env["maintenance.equipment"].with_context(**QUIET)
        Contract = env["maintenance.contract"].with_context(**QUIET)
        contracts = Contract.browse()
        for i, partner in enumerate(partners):
            equipment = Equipment.create({"name": "BENCH 电梯 %%04d" %% i, "customer_id": partner.id})
            contracts |= Contract.create({
                "partner_id": partner.id, "contract_type_id": ctype.id, "billing": "quarterly",
                "date_start": "2026-01-01", "date_end": "2026-12-31",
                "line_ids": [(0, 0, {"equipment_id": equipment.id, "fee": 12000.0})]})
        # the contracts are in force (activation itself is not what is measured)
        contracts._generate_schedule()
        env.cr.execute("UPDATE maintenance_contract SET state = 'active' WHERE id IN %%s", (tuple(contracts.ids),))
        return lambda: env["maintenance.contract.schedule"]._cron_create_invoices(today="2026-01-01")
    Contract = env["account.analytic.account"].with_context(**QUIET)
    for partner in partners:
        Contract.create({
            "name": "BENCH %%s" %% partner.name, "partner_id": partner.id, "recurring_invoices": True,
            "recurring_rule_type": "monthly", "recurring_interval": 3,
            "date_start": "2026-01-01", "recurring_next_date": "2026-01-01",
            "recurring_invoice_line_ids": [(0, 0, {
                "product_id": product.id, "name": product.name, "quantity": 1.0,
                "uom_id": uom.id, "price_unit": 3000.0})]})
    return lambda: env["account.analytic.account"].cron_recurring_create_invoice()

results = []
for n in (WARM_UP,) + tuple(SIZES):
    env.cr.execute("SAVEPOINT bench")
    run = arrange(n)
    env["res.partner"].invalidate_cache()  # same cold ORM cache for both sides
    queries = env.cr.sql_log_count
    start = time.time()
    invoices = run()
    elapsed = time.time() - start
    queries = env.cr.sql_log_count - queries
    invoices = invoices.filtered(lambda i: i.partner_id.name.startswith("BENCH"))
    if n != WARM_UP:
        results.append({
            "n": n, "invoices": len(invoices), "seconds": elapsed, "queries": queries,
            "untaxed": round(sum(invoices.mapped("amount_untaxed")), 2),
            "tax": round(sum(invoices.mapped("amount_tax")), 2),
            "total": round(sum(invoices.mapped("amount_total")), 2),
            "totals": sorted(set(invoices.mapped("amount_total"))),
        })
    env.cr.execute("ROLLBACK TO SAVEPOINT bench")
    env["res.partner"].invalidate_cache()
print("BENCH_RESULT " + json.dumps(results))
'''


def _odoo(db, *args, command=None, addons_path=None, stdin=None, timeout=3600):
    cmd = [sys.executable, str(ROOT / "scripts" / "odoo-bin")] + ([command] if command else []) + [
        "-c", str(ROOT / "odoo.conf"), "--db_user", os.environ.get("PGUSER", "odoo"), "-d", db,
        "--no-http"] + list(args)
    if addons_path:
        cmd.append("--addons-path=%s" % addons_path)
    env = dict(os.environ, ODOO_PRELOAD_ADDONS="no")
    return subprocess.run(cmd, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, timeout=timeout, env=env, cwd=str(ROOT))


def _measure(side, db, addons_path=None):
    script = WORKER % {"side": side, "sizes": SIZES, "warm_up": WARM_UP}
    proc = _odoo(db, "--log-level=warn", command="shell", addons_path=addons_path, stdin=script)
    for line in proc.stdout.splitlines():
        if line.startswith("BENCH_RESULT "):
            return json.loads(line[len("BENCH_RESULT "):])
    raise AssertionError("the %s worker failed:\n%s" % (side, proc.stdout[-4000:]))


def _peer_ready():
    """Install the peer wheel and build its database when missing; returns a reason
    when the peer cannot run here (no network, build failure), else None."""
    if not (PEER_ADDONS / "contract" / "__manifest__.py").exists():
        pip = subprocess.run(
            [sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(PEER_TARGET), PEER_PACKAGE],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
        if pip.returncode or not (PEER_ADDONS / "contract").exists():
            return "pip could not install %s: %s" % (PEER_PACKAGE, pip.stdout[-300:])
    check = subprocess.run(
        ["psql", "-X", "-At", "-d", PEER_DB, "-c",
         "SELECT (SELECT count(*) FROM ir_module_module WHERE name = 'contract' AND state = 'installed')"
         " + (SELECT LEAST(count(*), 1) FROM account_journal WHERE type = 'sale')"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, universal_newlines=True)
    if check.stdout.strip() == "2":
        return None
    subprocess.run(["psql", "-X", "-q", "-d", "postgres", "-c", 'DROP DATABASE IF EXISTS "%s"' % PEER_DB])
    build = _odoo(PEER_DB, "-i", PEER_MODULES, "--without-demo=all", "--stop-after-init",
                  "--log-level=warn", addons_path=str(PEER_ADDONS))
    if build.returncode:
        return "building %s failed: %s" % (PEER_DB, build.stdout[-500:])
    return None


def _line(label, row):
    return "%-5s N=%-5d invoices=%-5d %8.1f ms/invoice %7.1f queries/invoice  total %.2f" % (
        label, row["n"], row["invoices"], 1000.0 * row["seconds"] / row["invoices"],
        float(row["queries"]) / row["invoices"], row["total"])


def test_bench_contract_invoicing():
    ours_db = config["db_name"]
    assert ours_db, "run through pytest-odoo (scripts/test.sh --quick ...)"
    ours = _measure("ours", ours_db)
    reason = _peer_ready()
    peer = _measure("peer", PEER_DB, addons_path=str(PEER_ADDONS)) if reason is None else None

    print("\nPeriodic invoicing, quarterly fee 12,000/year (3,000 + 13 % tax per invoice)")
    for index, row in enumerate(ours):
        n = row["n"]
        assert row["invoices"] == n, "ours created %s invoices for %s contracts" % (row["invoices"], n)
        assert row["totals"] == [3390.0], row["totals"]
        assert row["total"] == round(3390.0 * n, 2)
        print(_line("ours", row))
        if peer:
            other = peer[index]
            print(_line("peer", other))
            assert other["invoices"] == n
            ratio_q = (float(other["queries"]) / other["invoices"]) / (float(row["queries"]) / row["invoices"])
            ratio_t = (other["seconds"] / other["invoices"]) / (row["seconds"] / row["invoices"])
            print("      N=%-5d ours vs peer: %.1fx fewer queries, %.1fx faster per invoice; "
                  "totals identical: %s" % (n, ratio_q, ratio_t,
                                            (row["untaxed"], row["tax"], row["total"]) ==
                                            (other["untaxed"], other["tax"], other["total"])))
            assert (row["untaxed"], row["tax"], row["total"]) == (other["untaxed"], other["tax"], other["total"])
            assert ratio_q >= 3.0, "ours must need at least 3x fewer queries per invoice than the peer"
        else:
            print("peer not run: %s" % reason)
        assert float(row["queries"]) / row["invoices"] <= MAX_QUERIES_PER_INVOICE
