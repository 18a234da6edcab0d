# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_edoc_report
from . import test_tour
from . import test_processing_report
from . import test_dashboard
from . import test_report_http
from . import test_account_history
