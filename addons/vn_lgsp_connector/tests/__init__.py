from . import test_edxml
from . import test_exchange
from . import test_two_agencies
from . import test_ui
