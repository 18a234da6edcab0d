# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import vn_edoc_report_wizard
from . import vn_processing_report_wizard
