# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import aftersales_reason_wizard
from . import aftersales_penalty_cancel
from . import aftersales_month_wizard
from . import aftersales_return_analysis_wizard
from . import aftersales_appraisal_prepare
from . import aftersales_part_job_receive
from . import aftersales_part_analysis_wizard
from . import aftersales_loading_list_generate
from . import aftersales_part_request_cancel
