# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_file_plan
from . import test_case_file
from . import test_handover
from . import test_case_file_security
from . import test_case_file_http
from . import test_outputs
from . import test_tour
from . import test_user_lifecycle
from . import test_content_search
