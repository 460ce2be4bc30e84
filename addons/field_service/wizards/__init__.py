# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import field_service_force_close
from . import field_service_acceptance_wizard
from . import field_service_stats_wizard
