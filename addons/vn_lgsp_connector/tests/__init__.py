# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_edxml
from . import test_exchange
from . import test_exactly_once
from . import test_trust_boundary
from . import test_two_agencies
from . import test_ui
from . import test_access_matrix
from . import test_audit_log_connection
from . import test_real_world_layouts
