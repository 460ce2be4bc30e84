# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# Tests are collected by pytest-odoo (`make test`), which imports every test_*.py
# of this folder; they are not imported here so that the --test-enable install
# of `make test` does not run them a second time.
