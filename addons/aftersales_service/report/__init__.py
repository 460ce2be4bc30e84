# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import aftersales_part_analysis
from . import aftersales_part_analysis_xlsx
from . import aftersales_return_analysis_xlsx
from . import aftersales_appraisal_xlsx
