from . import test_incoming
from . import test_reports
