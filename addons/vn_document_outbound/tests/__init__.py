from . import test_outgoing_flow
from . import test_ui
