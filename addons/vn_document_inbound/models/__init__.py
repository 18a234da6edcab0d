from . import vn_document_assignment
from . import vn_document_incoming
from . import res_users
from . import res_config_settings
from . import demo
