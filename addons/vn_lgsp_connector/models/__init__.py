# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import vn_lgsp_profile
from . import vn_lgsp_message
from . import vn_lgsp_message_processing
from . import vn_lgsp_exchange
from . import vn_document_incoming
from . import vn_document_delivery
from . import res_config_settings
