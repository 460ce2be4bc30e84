# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# Mechanisms shared by every document of the suite (before the documents using them):
# the document mixin, numbering, approvals, deadlines
from . import base
from . import aftersales_document
from . import ir_sequence
from . import tier_definition
from . import tier_validation
from . import aftersales_sla_rule
from . import aftersales_sla_timer
from . import aftersales_sla_mixin

# Staff rules: penalties, callbacks, monthly appraisal (S1 第四篇, S2-一-7)
from . import aftersales_penalty_rule
from . import aftersales_penalty
from . import aftersales_callback
from . import aftersales_appraisal
from . import res_company_appraisal
from . import hr_employee

# Returns and complaints (S1-4.8..4.17)
from . import aftersales_return
from . import aftersales_return_stock
from . import aftersales_return_result
from . import aftersales_return_line
from . import aftersales_writeoff
from . import aftersales_complaint_category
from . import aftersales_complaint
from . import aftersales_capa
from . import aftersales_satisfaction_campaign

# Spare-part requests and what belongs to them (S1-4.1..4.7): workshop jobs,
# borrowed finished-goods packages, closings, loading lists
from . import aftersales_part_request
from . import aftersales_part_request_documents
from . import aftersales_part_request_line
from . import aftersales_part_job
from . import aftersales_fg_borrow
from . import aftersales_closing
from . import aftersales_closing_line
from . import aftersales_loading_list

# Inherited core models
from . import res_company
from . import account_invoice
from . import account_move
from . import sale_order
from . import sale_order_line
from . import stock_picking
from . import stock_move
