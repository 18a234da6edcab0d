# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import hr_department
from . import vn_report_document_stat
from . import vn_report_delivery_stat
from . import vn_report_access_stat
