# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# statistics: the SQL view, its monthly workbook
from . import field_service_report
from . import field_service_monthly_xlsx
