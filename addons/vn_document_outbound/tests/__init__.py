from . import test_outgoing_flow
