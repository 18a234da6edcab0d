# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # No official template was found (REPORTS.md): the recipient and the title are
    # the agency's to set. The Department of Information and Communications merged
    # into the Department of Science and Technology in 2025.
    vn_report_recipient_name = fields.Char(
        string="Report recipient",
        default="Sở Khoa học và Công nghệ Thành phố Hồ Chí Minh",
    )
    vn_report_recipient_code = fields.Char(
        string="Recipient's identifier code",
        help="The identifier code (mã định danh) of the agency the quarterly report is "
        "sent to; the agency must be listed under Agencies.",
    )
    vn_report_title = fields.Char(
        string="Report title",
        help="Empty: BÁO CÁO TÌNH HÌNH GỬI, NHẬN VĂN BẢN ĐIỆN TỬ VÀ SỬ DỤNG HỆ THỐNG "
        "QUẢN LÝ VĂN BẢN.",
    )
