# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import res_company
from . import res_users
from . import res_config_settings
from . import vn_signing_key
from . import vn_document_outgoing_version
from . import vn_document_trail
from . import vn_document_outgoing
from . import vn_document_outgoing_signing
from . import vn_document_delivery
from . import vn_document_copy
from . import vn_document_incoming
from . import demo
from . import vn_document_outgoing_late
from . import vn_system_outage
from . import vn_document_outgoing_chain
