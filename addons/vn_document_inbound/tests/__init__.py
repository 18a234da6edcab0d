# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_incoming
from . import test_reports
from . import test_recall_and_logging
from . import test_ui
from . import test_email
from . import test_activities
from . import test_first_impressions
from . import test_outage_entry
from . import test_upload_original
from . import test_list_plans
from . import test_follow_up
from . import test_reader_rules
from . import test_file_text
from . import test_scan_intake
from . import test_reading
from . import test_print_mark
from . import test_content_search
from . import test_search_use
from . import test_search_tour
from . import test_register_chain
