# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import vn_user_disable_wizard
from . import vn_register_correction_wizard
from . import vn_register_report_wizard
from . import vn_user_lifecycle_wizard
from . import vn_search_export
from . import vn_advanced_search
