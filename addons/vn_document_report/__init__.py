# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import models
from . import wizards
from .models.vn_document_outgoing import pre_init_hook
