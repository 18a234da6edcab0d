# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import vn_incoming_submit_wizard
from . import vn_incoming_assign_wizard
from . import vn_incoming_return_wizard
from . import vn_assignment_pass_wizard
from . import vn_assignment_complete_wizard
from . import vn_incoming_register_report_wizard
from . import vn_incoming_recall_wizard
