from . import vn_user_disable_wizard
from . import vn_register_correction_wizard
from . import vn_register_report_wizard
