# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import aftersales_penalty_rule
from . import aftersales_penalty
