# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import controllers
from . import models
from . import wizards
from .hooks import post_init_hook
from .tools.iap_block import block_iap

block_iap()
