# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import vn_report_facts
from . import vn_edoc_report
from . import res_company
from . import res_config_settings
from . import vn_document_incoming
from . import vn_document_outgoing
from . import hr_department
from . import vn_report_document_stat
from . import vn_report_delivery_stat
from . import vn_report_access_stat
