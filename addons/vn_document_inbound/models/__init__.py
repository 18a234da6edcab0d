# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import vn_document_assignment
from . import vn_document_incoming
from . import vn_document_incoming_reading
from . import res_users
from . import res_config_settings
from . import demo
from . import vn_system_outage
from . import vn_document_incoming_chain
