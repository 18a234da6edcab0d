from . import vn_retention_period
