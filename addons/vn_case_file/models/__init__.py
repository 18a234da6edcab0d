# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import vn_retention_period
from . import vn_file_plan
from . import vn_file_plan_item
from . import vn_case_file
from . import vn_case_file_line
from . import vn_case_file_filed
from . import vn_working_paper
from . import vn_case_file_handover
from . import res_config_settings
from . import vn_case_file_outputs
from . import res_users
