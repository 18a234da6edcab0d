# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_agency
from . import test_roles
from . import test_document_types
from . import test_register_book
from . import test_working_days
from . import test_file_check
from . import test_signatures
from . import test_deployment
from . import test_settings
from . import test_translations
from . import test_ui
from . import test_accounts
from . import test_file_hazards
from . import test_user_roles
from . import test_user_roles_http
from . import test_user_lifecycle_tour
from . import test_backup
from . import test_audit_log
from . import test_admin_hygiene
from . import test_admin_http
from . import test_validation_material
from . import test_replica_routing
from . import test_activity_types
from . import test_file_text
from . import test_scan_rules
from . import test_saved_searches
