from . import vn_user_disable_wizard
