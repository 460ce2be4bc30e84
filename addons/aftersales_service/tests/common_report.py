# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Printed forms in tests: render a QWeb report to a real PDF and read its text back."""
import subprocess
import tempfile
from unittest.mock import patch

from odoo.tools import config


def report_pdf_text(case, report_xmlid, records):
    """Text of the PDF that wkhtmltopdf makes of ``report_xmlid`` for ``records``
    (pdftotext -layout). ``case`` is the running test: it asserts a PDF came out.

    Odoo 11 renders HTML instead of PDF in test mode unless a report directory
    is configured: a temporary one is given so that wkhtmltopdf really runs.
    """
    report = case.env.ref(report_xmlid)
    with tempfile.TemporaryDirectory() as folder, \
            patch.dict(config.options, {"test_report_directory": folder}):
        pdf, fmt = report.render_qweb_pdf(records.ids)
    case.assertEqual(fmt, "pdf")
    case.assertTrue(pdf.startswith(b"%PDF"), "wkhtmltopdf did not produce a PDF")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        return subprocess.check_output(["pdftotext", "-layout", f.name, "-"]).decode("utf-8")
