# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import vn_outgoing_upload_wizard
from . import vn_outgoing_comment_wizard
from . import vn_outgoing_sign_wizard
from . import vn_outgoing_recall_wizard
from . import vn_outgoing_paper_copy_wizard
from . import vn_outgoing_register_report_wizard
from . import vn_user_join_wizard
from . import vn_outgoing_paper_issue_wizard
