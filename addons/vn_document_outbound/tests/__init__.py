# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_outgoing_flow
from . import test_ui
from . import test_outgoing_register_report
from . import test_trust_boundary
from . import test_activities
from . import test_user_join
from . import test_outage_paper_issue
from . import test_list_plans
from . import test_copy_scan
from . import test_print_mark
from . import test_register_chain
