from . import test_edxml
from . import test_exchange
from . import test_exactly_once
from . import test_trust_boundary
from . import test_two_agencies
from . import test_ui
from . import test_access_matrix
